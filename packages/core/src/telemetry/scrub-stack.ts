import { redactText } from './redact-text.ts';
import { isAppFrame, parseStackFrame, type StackFrame } from './stack-frames.ts';

/**
 * The longest scrubbed stack that is sent or stored.
 *
 * @example
 * scrubStack(hugeStack).length <= STACK_MAX_LENGTH; // true
 */
export const STACK_MAX_LENGTH = 4000;
const MAX_FRAMES = 40;
// Bounds the work the redaction regexes do on hostile input.
const MAX_INPUT = 64 * 1024;
const MAX_LINE = 500;
const SOURCE_FILE = /\.(?:js|mjs|cjs|jsx|ts|tsx|kt|kts|java|swift|m|mm|c|cc|cpp|h|dart|bundle|jsbundle)$/i;
const TYPE_LINE =
  /^\s*(?:Uncaught\s+|Fatal Exception:\s*|Exception in thread "[^"\n]*"\s+)?([A-Za-z_$][\w$.]*(?: error)?)(?::|\s*$)/;
const CAUSE_LINE = /^\s*Caused by:\s*([A-Za-z_$][\w$.]*)/;

function formatFrame(f: StackFrame): string {
  const fn = redactText(f.fn.slice(0, 200)).trim() || '<anonymous>';
  let where = 'app';
  if (f.file && SOURCE_FILE.test(f.file) && f.file.length <= 80) {
    where =
      redactText(f.file) +
      (f.line !== undefined ? `:${f.line}` : '') +
      (f.column !== undefined ? `:${f.column}` : '');
  } else if (f.module) where = redactText(f.module);
  return `    at ${fn} (${where})`;
}

/**
 * Scrubs a stack trace so it can leave the device: error messages are dropped (they carry user
 * strings: file names, e-mails, coordinates), only the error type and the app's own frames are
 * kept, each frame reduced to `at function (File.kt:42)` — no directories, URLs, addresses or
 * library frames — and everything kept is run through `redactText`. The result is at most
 * STACK_MAX_LENGTH characters and scrubbing it again changes nothing.
 *
 * @example
 * scrubStack('TypeError: no map for alice@example.com\n    at openMap (file:///Users/alice/app/main.js:10:5)');
 * // 'TypeError\n    at openMap (main.js:10:5)'
 */
export function scrubStack(stack: string): string {
  const out: string[] = [];
  let frames = 0;
  let sawFrame = false;
  let last = '';
  for (const rawLine of stack.slice(0, MAX_INPUT).split(/\r?\n/)) {
    const line = rawLine.slice(0, MAX_LINE);
    if (!line.trim()) continue;
    const frame = parseStackFrame(line);
    if (frame) {
      sawFrame = true;
      if (!isAppFrame(frame) || frames >= MAX_FRAMES) continue;
      const text = formatFrame(frame);
      // Recursion repeats one frame hundreds of times; once says as much.
      if (text === last) continue;
      out.push(text);
      last = text;
      frames++;
      continue;
    }
    const cause = CAUSE_LINE.exec(line);
    if (cause) {
      out.push(`Caused by: ${redactText(cause[1])}`);
      last = '';
      continue;
    }
    const type = !sawFrame && out.length === 0 ? TYPE_LINE.exec(line) : null;
    if (type) out.push(redactText(type[1]));
  }
  let text = out.join('\n');
  if (text.length > STACK_MAX_LENGTH) {
    const cut = text.lastIndexOf('\n', STACK_MAX_LENGTH);
    text = text.slice(0, cut > 0 ? cut : STACK_MAX_LENGTH);
  }
  return text;
}
