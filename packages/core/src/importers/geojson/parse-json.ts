import { ImportError } from '../result.ts';

/**
 * JSON.parse for imported files: strips a byte-order mark (common in files saved by Windows tools)
 * and turns a syntax error into an ImportError with the line, computed from the position V8 puts
 * in most of its messages ("... in JSON at position 123").
 *
 * @example
 * try {
 *   const doc = parseJsonText(text);
 * } catch (e) {
 *   if (e instanceof ImportError) console.error(e.message); // 'line 12: Unexpected token ...'
 * }
 */
export function parseJsonText(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = errorOffset(body, message);
    if (offset === null) throw new ImportError({ reason: `invalid JSON: ${message}` });
    const line = body.slice(0, offset).split('\n').length;
    throw new ImportError({ line, reason: `invalid JSON at position ${offset}: ${message}` });
  }
}

/**
 * Where JSON.parse stopped. Most V8 messages say "at position N"; "Unexpected token" (Node 20) gives
 * only an excerpt, 10 characters either side of the token when the text is longer, found here in the
 * text. Null when neither tells.
 */
function errorOffset(body: string, message: string): number | null {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const excerpt = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*?)"(\.\.\.)? is not valid JSON$/.exec(
    message,
  );
  if (!excerpt) return null;
  const at = body.indexOf(excerpt[3]);
  if (at < 0) return null;
  return excerpt[2] ? at + 10 : at + Math.max(0, excerpt[3].indexOf(excerpt[1]));
}

/** A JSON object as a record, or undefined for anything else (arrays, null, scalars). */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
