/**
 * Splits CSV text into rows of cells (RFC 4180: quoted cells may hold commas, quotes and newlines).
 * Lines without a quote take a fast `split` path: Airdata exports are ~12k rows × 46 cells.
 */
export function* csvRows(text: string): Generator<{ cells: string[]; line: number }> {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const startLine = line;
    let raw = text.slice(pos, nl);
    if (raw.indexOf('"') < 0) {
      pos = nl + 1;
      line++;
      if (raw.endsWith('\r')) raw = raw.slice(0, -1);
      if (raw.length > 0) yield { cells: raw.split(','), line: startLine };
      continue;
    }
    const { cells, end, lines } = quotedRow(text, pos);
    pos = end;
    line += lines;
    yield { cells, line: startLine };
  }
}

function quotedRow(text: string, from: number): { cells: string[]; end: number; lines: number } {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let lines = 1;
  let i = from;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') lines++;
        cell += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n') break;
    else if (c !== '\r') cell += c;
  }
  cells.push(cell);
  return { cells, end: i + 1, lines };
}
