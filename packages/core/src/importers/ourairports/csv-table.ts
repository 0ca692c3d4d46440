import { parse } from 'csv-parse/sync';
import { ImportError } from '../result.ts';

/** One CSV record and the 1-based line it starts on (the header is line 1). */
export interface CsvRow {
  fields: string[];
  line: number;
}

/** A parsed CSV file whose columns are found by header name, so trimmed files read like full ones. */
export interface CsvTable {
  file: string;
  rows: CsvRow[];
  /** Column position by header name; -1 when absent. */
  column(name: string): number;
}

/**
 * Parses RFC-4180 CSV text. Throws an ImportError naming the file and line when the text is not CSV
 * at all or a required column is missing: without those nothing can be imported.
 */
export function readCsvTable(text: string, file: string, required: readonly string[]): CsvTable {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new ImportError({ line, reason: `${file}: ${(err as Error).message}` });
  }
  const rows = numberLines(records);
  const header = rows.shift();
  if (!header) throw new ImportError({ reason: `${file}: empty file, expected a header line` });
  const index = new Map(header.fields.map((name, i) => [name.trim(), i]));
  const missing = required.filter((name) => !index.has(name));
  if (missing.length > 0) {
    throw new ImportError({ line: header.line, reason: `${file}: missing column(s) ${missing.join(', ')}` });
  }
  return { file, rows, column: (name) => index.get(name) ?? -1 };
}

/**
 * Line numbers counted here rather than taken from csv-parse's `info`: that costs ~50% more parse
 * time and counts a CRLF inside a quoted field as two lines. Blank lines are counted, then dropped.
 */
function numberLines(records: string[][]): CsvRow[] {
  const rows: CsvRow[] = [];
  let line = 1;
  for (const fields of records) {
    const start = line;
    line += 1;
    for (const f of fields) {
      if (f.indexOf('\n') !== -1 || f.indexOf('\r') !== -1) line += f.split(/\r\n|\r|\n/).length - 1;
    }
    if (fields.length === 1 && fields[0].trim() === '') continue;
    rows.push({ fields, line: start });
  }
  return rows;
}

/** The field at `column`, trimmed; '' when the column is absent or the row is short. */
export function field(row: CsvRow, column: number): string {
  if (column < 0) return '';
  const value = row.fields[column];
  return value === undefined ? '' : value.trim();
}
