import { fastReportCheck, parseTelemetryReport } from '../../telemetry/index.ts';
import type { FuzzTarget } from './fuzz-targets.ts';

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const TELEMETRY_DAY = '2026-05-10';
/** The two report kinds as the SDK sends them (docs/telemetry.md), one per category. */
const TELEMETRY_SEEDS = [
  {
    category: 'app_performance',
    v: 1,
    day: TELEMETRY_DAY,
    context: { app_version: '2.4.1', os: 'android', os_version: '14', device_model: 'Pixel 8 Pro' },
    events: [
      {
        kind: 'error',
        error_type: 'TypeError',
        fingerprint: '0123456789abcdef',
        stack: 'TypeError',
        crash: false,
      },
      { kind: 'feature', name: 'map.open', count: 3 },
      { kind: 'timing', name: 'app.startup', bucket: '1-2s' },
    ],
  },
  {
    category: 'user_experience',
    v: 1,
    day: '2026-05-03',
    context: { app_version: '2.4.1', os: 'ios' },
    flights: [{ duration: '10-20min', distance: '1-2km', photos: '6-20', videos: '1' }],
  },
];

/** A JSON body → both report schemas; the fast check may only ever accept what the schema accepts. */
function runTelemetry(input: Uint8Array): unknown {
  const body = JSON.parse(decoder.decode(input)) as unknown;
  const out: unknown[] = [];
  for (const category of ['app_performance', 'user_experience'] as const) {
    const fast = fastReportCheck(category, TELEMETRY_DAY)(body);
    const r = parseTelemetryReport(category, body, TELEMETRY_DAY);
    if (fast && !r.ok) throw new Error(`fast check accepted a ${category} report the schema refuses`);
    out.push(r);
  }
  return out;
}

/** Telemetry report bodies, as POSTed by apps: JSON in, both schemas and the fast check. */
export const TELEMETRY_TARGET: FuzzTarget = {
  name: 'telemetry',
  seeds: () =>
    TELEMETRY_SEEDS.map(({ category: _c, ...report }) => encoder.encode(JSON.stringify(report, null, 1))),
  run: runTelemetry,
  refusal: (e) => e instanceof SyntaxError,
};
