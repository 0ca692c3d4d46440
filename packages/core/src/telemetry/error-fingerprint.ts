import { sha256Hex } from './sha256.ts';
import { parseStackFrame } from './stack-frames.ts';

/** How many of the top app frames identify an error; deeper frames vary with the call path. */
const FINGERPRINT_FRAMES = 5;

/**
 * A 16-hex-digit fingerprint that groups the same error from different devices: SHA-256 of the
 * error type and the function names of the top app frames of the scrubbed stack. Line numbers, file
 * names and everything path-like are left out, so the fingerprint survives other install paths,
 * user names and small code moves.
 *
 * @example
 * errorFingerprint('TypeError', scrubStack(error.stack)); // e.g. '3f9a0c1d2b4e5f60'
 */
export function errorFingerprint(errorType: string, scrubbedStack: string): string {
  const names: string[] = [];
  for (const line of scrubbedStack.split('\n')) {
    const f = parseStackFrame(line);
    if (!f) continue;
    names.push(f.fn);
    if (names.length === FINGERPRINT_FRAMES) break;
  }
  return sha256Hex(`${errorType.trim()}\n${names.join('\n')}`).slice(0, 16);
}
