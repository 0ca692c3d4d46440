import type { Mechanism } from '@airlock/core';
import type { SendRecord } from '@airlock/sdk';
import { type Command, numberArg, parseCommandArgs, UsageError } from './command.ts';
import { connect } from './connect.ts';

export const checkCommand: Command = {
  name: 'check',
  summary: 'run a location check through the SDK and show what was sent, what came back and the warnings',
  usage: `airlock check LAT LON [--alt M] [--mechanism cell|uniform] [--server URL] [--json]

Runs the SDK's location check for the position, as a flight app would: the precise position stays
in this process; only what the privacy mechanism produces is sent (default: the id of the ~22 km
grid cell; 'uniform' is the reference drone maker's random offset of up to 10 km, for comparison).
It talks to --server, AIRLOCK_URL, or the server holding the local data dir (and says which); with
no server running, to the data dir opened in this process.
Prints the requests sent, the answer (zone count, dataset version, countries, radio rules) and the
on-device warnings for the position at --alt metres above ground (default 50).
--json prints { sent: [{method, url, body}], received, warnings: [{zone, category, kind, distance_m, ...}], ceiling_m, radio }.`,
  async run(args, io) {
    const numbers = args.filter((a, i) => /^-\d/.test(a) && args[i - 1] !== '--alt');
    const rest = args.filter((a) => !numbers.includes(a));
    const { values, positionals, help } = parseCommandArgs(rest, {
      alt: { type: 'string' },
      mechanism: { type: 'string' },
      server: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (help) return (io.out(`${this.usage}\n`), 0);
    const coords = args.filter((a) => positionals.includes(a) || numbers.includes(a));
    if (coords.length !== 2) throw new UsageError('give LAT and LON');
    const lat = numberArg('LAT', coords[0], -90, 90)!;
    const lon = numberArg('LON', coords[1], -180, 180)!;
    const alt = numberArg('--alt', values.alt, -500, 100_000) ?? 50;
    const mechanismArg = (values.mechanism as string | undefined) ?? 'cell';
    const { MECHANISMS } = await import('@airlock/core');
    const { createAirlock } = await import('@airlock/sdk');
    const mechanism = (mechanismArg === 'default' ? 'cell' : mechanismArg) as Mechanism;
    if (!MECHANISMS.includes(mechanism))
      throw new UsageError(`--mechanism must be one of ${MECHANISMS.join(', ')} (or default)`);

    const conn = await connect(io, { server: values.server as string });
    const serverUrl = conn.baseUrl;
    // The SDK's transport, on the CLI's own HTTP client: every request it sends is to the server.
    const fetchImpl = (
      url: string,
      init: { method: string; headers: Record<string, string>; body?: string | Uint8Array },
    ) =>
      conn.fetch(url.slice(serverUrl.length), {
        method: init.method,
        headers: init.headers,
        body: init.body,
      });
    const close = () => conn.close();
    try {
      const sent: SendRecord[] = [];
      const airlock = createAirlock({ serverUrl, fetch: fetchImpl, mechanism, autoCheck: false });
      airlock.onSend((r) => sent.push(r));
      const check = await airlock.checkLocation({ lon, lat, altM: alt });
      if (check.error && check.coverage === 'none') {
        io.err(`location check failed: ${check.error}\n`);
        return 1;
      }
      const report = airlock.warnings({ lon, lat, altAglM: alt, time: new Date() });
      const warnings = [
        ...report.inside.map((w) => ({
          zone: w.zone.name,
          id: w.zone.id,
          category: w.zone.category,
          kind: 'inside' as const,
          distance_m: 0,
          boundary_m: round(w.boundaryM),
          consequence: w.consequence,
          active: w.active,
        })),
        ...report.approaching.map((w) => ({
          zone: w.zone.name,
          id: w.zone.id,
          category: w.zone.category,
          kind: 'approaching' as const,
          distance_m: round(w.distanceM),
          time_to_entry_s: w.timeToEntryS,
          consequence: w.consequence,
          active: w.active,
        })),
      ];
      const received = {
        coverage: check.coverage,
        source: check.source,
        dataset_version: check.datasetVersion,
        zones: check.zoneCount,
        countries: check.countries,
        age_s: check.ageS,
      };
      if (values.json) {
        const out = {
          sent: sent.map((r) => ({ method: r.method, url: r.url, body: r.body })),
          received,
          status: report.status,
          warnings,
          ceiling_m: report.ceilingM,
          temporary: report.temporary.map((t) => ({
            zone: t.zone.name,
            active_now: t.activeNow,
            starts_in_s: t.startsInS,
          })),
          radio: check.radio,
        };
        io.out(`${JSON.stringify(out, null, 2)}\n`);
        return 0;
      }
      io.out(`sent (${mechanism} mechanism):\n`);
      for (const r of sent)
        io.out(`  ${r.method} ${r.url}${r.body ? ` ${r.body}` : ''}  (${r.bytes} bytes)\n`);
      io.out(
        `received: ${check.zoneCount} zones, dataset ${check.datasetVersion}, countries ${check.countries.join(', ') || 'none'}\n`,
      );
      io.out(
        `status: ${report.status}; ceiling: ${report.ceilingM === null ? 'none' : `${Math.round(report.ceilingM)} m`}\n`,
      );
      for (const w of warnings) {
        io.out(
          `  ${w.kind.padEnd(11)} ${w.category.padEnd(16)} ${w.kind === 'inside' ? '' : `${w.distance_m} m  `}${w.zone} → ${w.consequence}\n`,
        );
      }
      const bands = check.radio.bands.map(
        (b) => `${b.minMHz}-${b.maxMHz} MHz ≤ ${b.maxEirpDbm} dBm${b.licenceRequired ? ' (licence)' : ''}`,
      );
      io.out(`radio: ${bands.join('; ')}\n`);
      return 0;
    } finally {
      await close();
    }
  },
};

const round = (x: number) => Math.round(x * 10) / 10;
