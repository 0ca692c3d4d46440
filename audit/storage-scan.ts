// After the run: what the server kept. Every file of its data dir (database pages, WAL, the stored
// zone index, keys: read as raw bytes) and every log line, searched for an IP address, a scenario's
// position, a device identifier, the e-mail and the user agent the app's requests carried; and for the
// bytes of what was deleted or must only be kept encrypted (a deleted pilot's key, a synced log).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  PLATFORM_USER_AGENT,
  PROXY_CLIENT_IP,
} from '../packages/server/src/telemetry-privacy/scripted-session.ts';
import { GENERIC_LEAKS } from '../packages/server/src/telemetry-privacy/wire-capture.ts';
import { DEVICE_ID_PATTERNS, escapeRe } from './checks.ts';
import { PILOT_EMAIL, PLACES, track } from './places.ts';

/**
 * A position to ~1 m (5 decimals, or 8 digits of a 1e7-scaled integer). The stored zone index holds
 * the public zones around Montreux, one of which agrees with a track point to 4 decimals by chance.
 */
const POSITIONS: Array<[string, RegExp]> = [...PLACES, ...track().filter((_, i) => i % 20 === 0)].flatMap(
  (p) =>
    [p.lon, p.lat].flatMap(
      (v): Array<[string, RegExp]> => [
        ['a scenario position', new RegExp(escapeRe(Math.abs(v).toFixed(5)))],
        ['a scenario position', new RegExp(String(Math.round(Math.abs(v) * 1e7)).slice(0, 8))],
      ],
    ),
);
const ADDRESSES: Array<[string, RegExp]> = [
  ['an IPv4 address', /\b(?:\d{1,3}\.){3}\d{1,3}\b/],
  ['an IPv6 loopback or mapped address', /(?:^|[^\w:])::1\b|::ffff:/i],
];
/** PostgreSQL's own access rules name loopback addresses; no client wrote them, so they say nothing. */
const SERVER_CONFIG = /(?:^|\/)pg_hba\.conf$/;
const KEPT_NOWHERE: Array<[string, RegExp]> = [
  ['the proxied client IP', new RegExp(escapeRe(PROXY_CLIENT_IP))],
  ['the platform user agent', new RegExp(escapeRe(PLATFORM_USER_AGENT))],
  ['a user agent', /okhttp|Dalvik|CFNetwork/],
  ['the pilot e-mail', new RegExp(escapeRe(PILOT_EMAIL))],
  ...POSITIONS,
  ...DEVICE_ID_PATTERNS,
];

/** The stored index is named by a fingerprint that changes with each import: a placeholder keeps the report stable. */
const stableName = (path: string) => path.replace(/-[0-9a-f]{16}\.bin$/, '-{fingerprint}.bin');

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? files(p) : [p];
    });
}

/**
 * Findings name the file (relative to the data dir) or "server log", and what was found; sorted.
 * `needles` are exact bytes no file may hold (a deleted pilot's wrapped key, a synced log as sent).
 */
export async function scanStorage(
  dataDir: string,
  logLines: string[],
  extra: string[] = [],
  needles: Array<[string, Buffer]> = [],
) {
  const findings = new Set<string>(extra);
  const all = files(dataDir);
  for (const file of all) {
    const bytes = readFileSync(file);
    const text = bytes.toString('latin1');
    const patterns = SERVER_CONFIG.test(file) ? KEPT_NOWHERE : [...ADDRESSES, ...KEPT_NOWHERE];
    for (const [what, re] of patterns)
      if (re.test(text)) findings.add(`${stableName(relative(dataDir, file))}: ${what}`);
    for (const [what, needle] of needles)
      if (bytes.includes(needle)) findings.add(`${stableName(relative(dataDir, file))}: ${what}`);
  }
  const logs = logLines.join('\n');
  for (const [what, re] of [...ADDRESSES, ...KEPT_NOWHERE, ...GENERIC_LEAKS])
    if (re.test(logs)) findings.add(`server log: ${what}`);
  return { filesScanned: all.length, logLines: logLines.length, findings: [...findings].sort() };
}
