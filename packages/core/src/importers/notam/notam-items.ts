/** One NOTAM as written: its series number, kind, and items Q and A–G as raw text. */
export interface RawNotam {
  /** "A1234/24", or null when the text has no header line. */
  number: string | null;
  /** N new, R replaces, C cancels (ICAO Annex 15 / Doc 8126). */
  kind: 'N' | 'R' | 'C';
  /** The NOTAM a NOTAMR/NOTAMC names. */
  refers?: string;
  items: Partial<Record<ItemLetter, string>>;
  /** 1-based line of the NOTAM's first line in the file. */
  line: number;
}

const ORDER = ['Q', 'A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
export type ItemLetter = (typeof ORDER)[number];

const HEADER = /(?:^|\n)[ \t]*\(?[ \t]*([A-Z]\d{4}\/\d{2})[ \t]+NOTAM([NRC])(?:[ \t]+([A-Z]\d{4}\/\d{2}))?/g;

/**
 * Splits a file into NOTAMs: each starts at a header line (`A1234/24 NOTAMN`, optionally inside the
 * AFTN parenthesis); a file without headers is split before each `Q)` line instead, so a bare list of
 * NOTAM bodies is read too.
 */
export function splitNotams(text: string): RawNotam[] {
  const src = text.replace(/\r\n?/g, '\n');
  const starts: Array<{ at: number; number: string | null; kind: RawNotam['kind']; refers?: string }> = [];
  for (const m of src.matchAll(HEADER)) {
    const at = m.index + (m[0].startsWith('\n') ? 1 : 0);
    starts.push({ at, number: m[1], kind: m[2] as RawNotam['kind'], refers: m[3] });
  }
  if (starts.length === 0) {
    for (const m of src.matchAll(/(?:^|\n)[ \t]*\(?[ \t]*Q\)/g)) {
      starts.push({ at: m.index + (m[0].startsWith('\n') ? 1 : 0), number: null, kind: 'N' });
    }
  }
  return starts.map((s, i) => {
    const body = src.slice(s.at, starts[i + 1]?.at ?? src.length);
    return {
      number: s.number,
      kind: s.kind,
      refers: s.refers,
      items: readItems(body),
      line: src.slice(0, s.at).split('\n').length,
    };
  });
}

/**
 * Items in their fixed order Q, A … G: a marker such as `E)` only counts when its letter comes after
 * the previous item's, so "AREA A)" inside item E is text, not a new item A.
 */
function readItems(body: string): RawNotam['items'] {
  const items: RawNotam['items'] = {};
  let last = -1;
  let open: { letter: ItemLetter; from: number } | null = null;
  for (const m of body.matchAll(/(^|[\s(])([QA-G])\)/g)) {
    const rank = ORDER.indexOf(m[2] as ItemLetter);
    if (rank <= last) continue;
    const at = m.index + m[1].length;
    if (open) items[open.letter] = clean(body.slice(open.from, at));
    open = { letter: m[2] as ItemLetter, from: at + 2 };
    last = rank;
  }
  if (open) items[open.letter] = clean(body.slice(open.from).replace(/\)\s*$/, ''));
  return items;
}

function clean(s: string): string {
  return s
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}
