/** One non-comment line: its 1-based number, the command word (upper case) and the rest. */
export interface OpenAirCommand {
  line: number;
  name: string;
  args: string;
}

/** The commands from one AC up to the next; `index` counts records from 1 in file order. */
export interface OpenAirRecord {
  index: number;
  commands: OpenAirCommand[];
}

// Free text where a " *" may be part of the value rather than a trailing comment.
const FREE_TEXT = new Set(['AN', 'AG']);

/**
 * Splits a line into command and arguments; null for blank and `*` comment lines. A trailing
 * " * remark" after a value is dropped, as many files annotate points that way.
 */
export function readCommand(text: string, line: number): OpenAirCommand | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith('*')) return null;
  const m = /^([A-Za-z]+)\s*(.*)$/.exec(trimmed);
  if (!m) return { line, name: trimmed, args: '' };
  const name = m[1].toUpperCase();
  const args = FREE_TEXT.has(name) ? m[2] : m[2].replace(/\s+\*.*$/, '');
  return { line, name, args: args.trim() };
}
