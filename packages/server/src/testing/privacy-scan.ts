/**
 * Test-only: scans every table of a database for personal data a request could have left behind, and
 * every file of a data dir for given values.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../storage/index.ts';

const PATTERNS: Array<[string, RegExp]> = [
  ['IPv4 address', /\b(?:\d{1,3}\.){3}\d{1,3}\b/],
  ['IPv6 address', /\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b/i],
  ['coordinate pair', /-?\d{1,3}\.\d{3,}\s*,\s*-?\d{1,3}\.\d{3,}/],
  ['e-mail address', /[\w.+-]+@[\w-]+\.[\w.]+/],
  ['user agent', /Mozilla\/|okhttp|Dalvik|CFNetwork|Darwin\//],
  ['home directory', /\/(?:Users|home)\/\w+/],
];

/**
 * Every cell of every table in the public schema (or the search path's first schema) that looks like
 * an IP address, user agent, coordinate, e-mail or home path, or contains the given values.
 * Airspace tables hold public zone data and are skipped; the pilot-data tables are someone else's test.
 */
export async function scanForPersonalData(
  db: Database,
  given: { ip: string; userAgent: string },
  tablePrefix = 'telemetry_',
): Promise<string[]> {
  const { rows: tables } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_name LIKE $1 || '%'`,
    [tablePrefix],
  );
  const findings: string[] = [];
  for (const { table_name } of tables) {
    const { rows } = await db.query<Record<string, unknown>>(`SELECT * FROM ${table_name}`);
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        const text = value instanceof Uint8Array ? '' : String(value);
        if (text.includes(given.ip) || text.includes(given.userAgent))
          findings.push(`${table_name}.${column}: holds the request's IP or user agent`);
        for (const [what, re] of PATTERNS)
          if (re.test(text))
            findings.push(`${table_name}.${column}: looks like an ${what}: ${text.slice(0, 80)}`);
      }
    }
  }
  return findings;
}

/** Every file under `root`, depth first, in name order. */
export function filesUnder(root: string): string[] {
  return readdirSync(root)
    .sort()
    .flatMap((name) => {
      const p = join(root, name);
      return statSync(p).isDirectory() ? filesUnder(p) : [p];
    });
}

/**
 * Files under `root` holding `needle`, read as raw bytes. Text is looked for as UTF-8/Latin-1 and as
 * UTF-16 (LE and BE), ignoring ASCII case; bytes (a wrapped key, a sealed value) exactly.
 */
export function filesHolding(root: string, needle: string | Uint8Array): string[] {
  if (typeof needle !== 'string') {
    const bytes = Buffer.from(needle.buffer, needle.byteOffset, needle.byteLength);
    return filesUnder(root).filter((f) => readFileSync(f).includes(bytes));
  }
  const lower = needle.toLowerCase();
  const forms = [
    Buffer.from(lower, 'utf8'),
    Buffer.from(lower, 'utf16le'),
    Buffer.from(lower, 'utf16le').swap16(),
  ];
  return filesUnder(root).filter((f) => {
    const bytes = readFileSync(f);
    // ASCII case-folding byte by byte, so UTF-16 code units fold too.
    for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x41 && bytes[i] <= 0x5a) bytes[i] |= 0x20;
    return forms.some((form) => bytes.includes(form));
  });
}
