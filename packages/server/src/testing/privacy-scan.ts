/** Test-only: scans every table of a database for personal data a request could have left behind. */
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
