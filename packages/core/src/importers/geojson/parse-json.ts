import { ImportError } from '../result.ts';

/**
 * JSON.parse for imported files: strips a byte-order mark (common in files saved by Windows tools)
 * and turns a syntax error into an ImportError with the line, computed from the position V8 puts
 * in most of its messages ("... in JSON at position 123").
 */
export function parseJsonText(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    if (!position) throw new ImportError({ reason: `invalid JSON: ${message}` });
    const offset = Number(position[1]);
    const line = body.slice(0, offset).split('\n').length;
    throw new ImportError({ line, reason: `invalid JSON at position ${offset}: ${message}` });
  }
}

/** A JSON object as a record, or undefined for anything else (arrays, null, scalars). */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
