// `npm run audit [-- --out <dir>] [-- --quick]` (not `npm audit`, which is npm's own command): drives the
// SDK through every setting combination and scenario against a real server, writes audit-report.json
// and audit-report.html into --out (default ./audit-output), exits 1 when anything was disallowed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FetchLike } from '@airlock/sdk';
import { type AuditReport, runAudit } from './audit.ts';
import { renderHtml } from './html.ts';
import { QUICK_SCENARIOS } from './quick.ts';
import type { InForce } from './session.ts';

export interface MainOptions {
  /** Test-only: wraps the platform fetch so it leaks (the negative test). */
  tamper?: (fetch: FetchLike, state: () => InForce) => FetchLike;
  log?: (line: string) => void;
}

/** Runs the audit and writes the reports; resolves to the exit code. */
export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string', default: 'audit-output' },
      quick: { type: 'boolean', default: false },
      progress: { type: 'boolean', default: false },
    },
  });
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const report: AuditReport = await runAudit({
    ...(values.quick ? { scenarios: QUICK_SCENARIOS } : {}),
    tamper: options.tamper,
    ...(values.progress ? { progress: log } : {}),
  });
  const out = resolve(values.out);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'audit-report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(out, 'audit-report.html'), renderHtml(report));
  const t = report.totals;
  log(
    `audit ${report.verdict}: ${t.runs} runs (${report.combinations} combinations × ${report.scenarios.length} scenarios), ` +
      `${t.requests} requests, ${t.bytes} bytes captured, ${t.disallowedRequests} disallowed requests ` +
      `(${t.disallowedBytes} bytes), ${t.ledgerMismatches} ledger mismatches, ${t.storageFindings} storage findings; ` +
      `reports in ${values.out}`,
  );
  return report.verdict === 'pass' ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
