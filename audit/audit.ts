// The audit: every setting combination × both profiles × every scenario, against a real server behind
// a wire tap; each captured request judged by the settings in force, matched byte for byte with the
// SDK's ledger, and afterwards the server's data dir and log scanned. Returns a report with no time,
// port, path or random id in it, so two runs of one commit give the same bytes.
import type { FetchLike, LedgerEntry } from '@airlock/sdk';
import {
  PLATFORM_USER_AGENT,
  PROXY_CLIENT_IP,
} from '../packages/server/src/telemetry-privacy/scripted-session.ts';
import { sha256Of, startWireTap } from '../packages/server/src/telemetry-privacy/wire-capture.ts';
import { scanForPersonalData } from '../packages/server/src/testing/privacy-scan.ts';
import { categoryOf, requestBytes, violations } from './checks.ts';
import { type Needle, openPilotAccount } from './pilot-account.ts';
import { SCENARIOS, type Scenario } from './scenarios.ts';
import { startAuditServer } from './server.ts';
import {
  type Combination,
  type InForce,
  openSession,
  type Profile,
  SWITCHABLE,
  type TimelineEntry,
} from './session.ts';
import { scanStorage } from './storage-scan.ts';

export interface AuditOptions {
  scenarios?: Scenario[];
  profiles?: Profile[];
  /** Test-only: wraps the platform fetch (the negative test makes it leak). */
  tamper?: (fetch: FetchLike, state: () => InForce) => FetchLike;
  progress?: (line: string) => void;
}

export interface RequestRow {
  n: number;
  method: string;
  path: string;
  category: string;
  bytes: number;
  sha256: string;
  violations: string[];
}

export interface RunRow {
  profile: Profile;
  settings: string;
  mechanism: 'cell' | 'uniform';
  scenario: string;
  requests: RequestRow[];
  ledger: { entries: number; unsent: number; mismatches: string[] };
}

export interface AuditReport {
  audit: 'airlock-privacy-audit';
  version: 1;
  combinations: number;
  scenarios: string[];
  runs: RunRow[];
  storage: { filesScanned: number; logLines: number; findings: string[] };
  totals: {
    runs: number;
    requests: number;
    bytes: number;
    disallowedRequests: number;
    disallowedBytes: number;
    ledgerMismatches: number;
    storageFindings: number;
  };
  verdict: 'pass' | 'fail';
}

export function combinations(profiles: Profile[]): Combination[] {
  const out: Combination[] = [];
  for (const profile of profiles) {
    for (let mask = 0; mask < 1 << SWITCHABLE.length; mask++) {
      const on = Object.fromEntries(
        SWITCHABLE.map((c, i) => [c, (mask & (1 << i)) === 0]),
      ) as Combination['on'];
      out.push({ profile, on });
    }
  }
  return out;
}

const settingsLabel = (on: Combination['on']) =>
  SWITCHABLE.map((c) => `${c} ${on[c] ? 'on' : 'off'}`).join(', ');

/** The tus upload id in a path is random: a stable placeholder keeps the report reproducible. */
const stablePath = (path: string) => path.replace(/(\/v1\/flightlogs\/uploads\/)[^/?]+/, '$1{upload}');

export async function runAudit(options: AuditOptions = {}): Promise<AuditReport> {
  const scenarios = options.scenarios ?? SCENARIOS;
  const combos = combinations(options.profiles ?? ['reference', 'strict']);
  const server = await startAuditServer();
  const tap = await startWireTap(server.server.port);
  const runs: RunRow[] = [];
  let tables: string[] = [];
  const needles: Needle[] = [];
  try {
    for (const combo of combos) {
      for (const scenario of scenarios) {
        const start = tap.captured.length;
        const timeline: TimelineEntry[] = [];
        const session = await openSession({
          url: tap.url,
          combo,
          capturedCount: () => tap.captured.length,
          timeline,
          tamper: options.tamper,
          ...(scenario.mechanism ? { mechanism: scenario.mechanism } : {}),
          openAccount: () => openPilotAccount(server, needles),
        });
        await scenario.run(session);
        session.airlock.close();
        const ledger = await session.airlock.ledger.list();
        const wire = tap.captured.slice(start);
        const requests = wire.map((w, i): RequestRow => {
          const index = start + i;
          const state = [...timeline].reverse().find((t) => t.from <= index)?.state ?? timeline[0].state;
          const path = w.url.split('?')[0];
          return {
            n: i + 1,
            method: w.method,
            path: stablePath(w.url),
            category: categoryOf(path),
            bytes: requestBytes(w),
            sha256: w.sha256,
            violations: violations(w, state),
          };
        });
        needles.push(...syncedLogWindows(timeline));
        runs.push({
          profile: combo.profile,
          settings: settingsLabel(combo.on),
          mechanism: scenario.mechanism ?? 'cell',
          scenario: scenario.name,
          requests,
          ledger: compareLedger(ledger, wire, tap.url),
        });
        options.progress?.(
          `${combo.profile}, ${settingsLabel(combo.on)}: ${scenario.name}: ${wire.length} requests`,
        );
      }
    }
    // What the telemetry tables hold, cell by cell (the file scan below sees the same bytes raw).
    await server.services.telemetry.flush();
    await server.services.counters.flush();
    tables = await scanForPersonalData(server.services.db, {
      ip: PROXY_CLIENT_IP,
      userAgent: PLATFORM_USER_AGENT,
    });
  } finally {
    await tap.close();
    await server.stop();
  }
  let storage: AuditReport['storage'];
  try {
    storage = await scanStorage(server.dataDir, server.logLines, tables, needles);
  } finally {
    server.remove();
  }
  return summarise(combos.length, scenarios, runs, storage);
}

/**
 * Bytes from the middle of every log a run let Sync send: the server keeps logs only encrypted (and
 * deletes them with the account), so no file of the data dir may hold them as they left the device.
 */
function syncedLogWindows(timeline: TimelineEntry[]): Needle[] {
  const logs = new Map(timeline.flatMap((t) => [...t.state.syncable]));
  return [...logs.values()].map(({ bytes }): Needle => {
    const mid = Math.max(0, Math.floor(bytes.length / 2) - 16);
    return ['a synced flight log as it left the device', Buffer.from(bytes.subarray(mid, mid + 32))];
  });
}

/** Every request that crossed is a ledger entry with the same bytes, and every sent entry crossed. */
function compareLedger(
  ledger: LedgerEntry[],
  wire: Array<{ method: string; url: string; body: Buffer; sha256: string }>,
  base: string,
): RunRow['ledger'] {
  const sent = ledger.filter((e) => e.status !== 0);
  const key = (method: string, url: string, sha: string) => `${method} ${stablePath(url)} ${sha}`;
  const left = new Map<string, LedgerEntry[]>();
  for (const e of sent) {
    const k = key(e.method, e.url.slice(base.length), e.sha256);
    left.set(k, [...(left.get(k) ?? []), e]);
  }
  const mismatches: string[] = [];
  for (const w of wire) {
    const k = key(w.method, w.url, w.sha256);
    const e = left.get(k)?.shift();
    if (!e) {
      mismatches.push(`on the wire, not in the ledger: ${w.method} ${stablePath(w.url)}`);
      continue;
    }
    if (e.payloadStored) {
      const bytes = Buffer.from(e.payload ?? '', e.payloadEncoding === 'base64' ? 'base64' : 'utf8');
      if (!bytes.equals(w.body) || sha256Of(bytes) !== w.sha256 || e.bytes !== w.body.length)
        mismatches.push(`ledger bytes differ from the wire: ${w.method} ${stablePath(w.url)}`);
    }
  }
  for (const rest of left.values())
    for (const e of rest)
      mismatches.push(`in the ledger, not on the wire: ${e.method} ${stablePath(e.url.slice(base.length))}`);
  return { entries: ledger.length, unsent: ledger.length - sent.length, mismatches: mismatches.sort() };
}

function summarise(
  combinations: number,
  scenarios: Scenario[],
  runs: RunRow[],
  storage: AuditReport['storage'],
): AuditReport {
  const all = runs.flatMap((r) => r.requests);
  const bad = all.filter((r) => r.violations.length > 0);
  const unledgered = runs.flatMap((r) => r.ledger.mismatches.filter((m) => m.startsWith('on the wire')));
  const ledgerMismatches = runs.reduce((n, r) => n + r.ledger.mismatches.length, 0);
  const totals = {
    runs: runs.length,
    requests: all.length,
    bytes: all.reduce((n, r) => n + r.bytes, 0),
    disallowedRequests: bad.length,
    disallowedBytes: bad.reduce((n, r) => n + r.bytes, 0),
    ledgerMismatches,
    storageFindings: storage.findings.length,
  };
  const pass =
    bad.length === 0 && unledgered.length === 0 && ledgerMismatches === 0 && storage.findings.length === 0;
  return {
    audit: 'airlock-privacy-audit',
    version: 1,
    combinations,
    scenarios: scenarios.map((s) => s.name),
    runs,
    storage,
    totals,
    verdict: pass ? 'pass' : 'fail',
  };
}
