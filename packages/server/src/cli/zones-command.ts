// @airlock/core is imported in run(), after --help: help text loads no npm package.
/** MAX_NEAR_RADIUS_M of @airlock/core (cli.test.ts checks they agree). */
export const NEAR_RADIUS_LIMIT_M = 50_000;

import { type Command, numberArg, parseCommandArgs, UsageError } from './command.ts';
import { connect, errorOf } from './connect.ts';

export const zonesCommand: Command = {
  name: 'zones',
  summary: 'zones near a point, asked of the running server',
  usage: `airlock zones near LAT LON [--radius METRES] [--at ISO-TIME] [--alt METRES] [--json] [--server URL]

Prints the zones within --radius (default 10000, at most ${NEAR_RADIUS_LIMIT_M}) of the point, nearest first:
category, name, vertical limits, distance, whether the point is inside and whether the zone is active
at --at (default now). --alt (metres above ground) decides which vertical layers the point is in.
--json prints a GeoJSON FeatureCollection whose features carry category, name, source, lower, upper,
distance_m, inside and active. The zones come from the running server (--server, AIRLOCK_URL, or the
one holding the local data dir); inside, active and the ceiling are decided here, as the SDK does.`,
  async run(args, io) {
    // Negative coordinates look like flags to the argument parser: take them out first.
    const numbers = args.filter((a) => /^-\d/.test(a));
    const rest = args.filter(
      (a) => !/^-\d/.test(a) || args[args.indexOf(a) - 1]?.match(/^--(radius|alt|at)$/),
    );
    const { values, positionals, help } = parseCommandArgs(rest, {
      radius: { type: 'string' },
      at: { type: 'string' },
      alt: { type: 'string' },
      json: { type: 'boolean' },
      server: { type: 'string' },
    });
    if (help) return (io.out(`${this.usage}\n`), 0);
    const pos = [...positionals.slice(1), ...numbers.filter((n) => !rest.includes(n))];
    const ordered = args.filter((a) => pos.includes(a));
    if (positionals[0] !== 'near' || ordered.length !== 2)
      throw new UsageError('usage: airlock zones near LAT LON [options]');
    const lat = numberArg('LAT', ordered[0], -90, 90)!;
    const lon = numberArg('LON', ordered[1], -180, 180)!;
    const {
      assessPosition,
      formatLimit,
      isZoneActive,
      MAX_NEAR_RADIUS_M,
      readAnswerZones,
      ZoneIndex,
      zoneToFeature,
    } = await import('@airlock/core');
    const radius = numberArg('--radius', values.radius, 0, MAX_NEAR_RADIUS_M) ?? 10_000;
    const alt = numberArg('--alt', values.alt, -500, 100_000);
    let at = new Date();
    if (typeof values.at === 'string') {
      at = new Date(values.at);
      if (Number.isNaN(at.getTime()))
        throw new UsageError(`--at must be an ISO 8601 time; got "${values.at}"`);
    }
    const conn = await connect(io, { server: values.server as string });
    try {
      const res = await conn.fetch(`/v1/location/near?lat=${lat}&lon=${lon}&radius_m=${radius}`);
      if (!res.ok) return (io.err(`airlock zones: ${await errorOf(res)}\n`), 1);
      const answer = (await res.json()) as { zones: { features: unknown[] } };
      const { zones, skipped } = readAnswerZones(answer.zones.features);
      if (skipped > 0) io.err(`airlock zones: ${skipped} zones in the answer could not be read\n`);
      const index = ZoneIndex.build(zones);
      const a = assessPosition(index, { lon, lat, altAglM: alt, at, radiusM: radius });
      const hits = [...a.inside, ...a.nearby].sort(
        (x, y) => x.distanceM - y.distanceM || x.zone.id.localeCompare(y.zone.id),
      );
      if (values.json) {
        const features = hits.map((h) =>
          zoneToFeature(h.zone, {
            distance_m: Math.round(h.distanceM * 10) / 10,
            inside: h.inside,
            active: isZoneActive(h.zone, at),
          }),
        );
        io.out(`${JSON.stringify({ type: 'FeatureCollection', features }, null, 2)}\n`);
        return 0;
      }
      io.out(`${hits.length} zones within ${radius} m of ${lat}, ${lon} at ${at.toISOString()}\n`);
      if (a.ceilingM !== null)
        io.out(`altitude ceiling here: ${a.ceilingM.toFixed(0)} m (${a.ceilingZone?.name})\n`);
      for (const h of hits) {
        const v = h.zone.volumes[0];
        io.out(
          `${h.inside ? 'INSIDE ' : `${(h.distanceM / 1000).toFixed(2).padStart(6)} km`}  ${h.zone.category.padEnd(16)} ${formatLimit(v.lower)}–${formatLimit(v.upper)}  ${h.zone.name}${h.active ? '' : ' (not active)'}  [${h.zone.source}]\n`,
        );
      }
      return 0;
    } finally {
      await conn.close();
    }
  },
};
