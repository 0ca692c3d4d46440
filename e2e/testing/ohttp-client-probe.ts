// A pilot's app in its own network namespace (e2e/ohttp): a location check and a telemetry report
// through the relay with core's Oblivious HTTP client, a replay of one encapsulated request, and an
// attempt to reach the server directly. Prints one JSON object.
import { cellAt, TELEMETRY_PATHS, utcDay } from '@airlock/core';
import { ObliviousHttpClient } from '@airlock/core/ohttp';
import { appPerformanceReport } from '../../packages/server/src/testing/test-reports.ts';

const [relayUrl, serverUrl, lon, lat] = process.argv.slice(2);
const cell = cellAt(Number(lon), Number(lat));
const client = new ObliviousHttpClient({ relayUrl });

const check = await client.fetch({ method: 'GET', path: `/v1/location/cells/${cell}` });
const answer = (await check.json()) as { cell: string };
const report = await client.fetch({
  method: 'POST',
  path: TELEMETRY_PATHS.app_performance,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(appPerformanceReport(utcDay())),
});
const once = await client.encapsulate({ method: 'GET', path: `/v1/location/cells/${cell}` });
const first = await once.open(await once.send());
const replay = await once.open(await once.send());
let direct: string;
try {
  const r = await fetch(`${serverUrl}/v1/health`, { signal: AbortSignal.timeout(3000) });
  direct = `reached the server: ${r.status}`;
} catch (e) {
  direct = `unreachable: ${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name}`;
}
process.stdout.write(
  `${JSON.stringify({
    cell,
    check: { status: check.status, cell: answer.cell },
    report: report.status,
    first: first.status,
    replay: { status: replay.status, body: await replay.json() },
    direct,
  })}\n`,
);
