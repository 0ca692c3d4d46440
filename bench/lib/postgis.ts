/**
 * PostGIS as a benchmark peer: installs the extension package when the server lacks it, and loads
 * zones as geography, one row per ground shape (every polygon of every volume on its own row).
 */
import { spawnSync } from 'node:child_process';
import { circleRing, type Position, type Zone } from '@airlock/core';
import type pg from 'pg';
import { progress } from './report.ts';

/** How Circle zones go into PostGIS. */
export type CircleMode = 'point' | 'ring';

function run(cmd: string, args: string[]): number {
  progress(`$ ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, {
    stdio: ['ignore', 2, 2],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (res.error) progress(`  could not run ${cmd}: ${res.error.message}`);
  return res.error ? 127 : (res.status ?? 1);
}

async function isAvailable(client: pg.Client): Promise<boolean> {
  const r = await client.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'`);
  return (r.rowCount ?? 0) > 0;
}

/**
 * Makes `CREATE EXTENSION postgis` possible: when the server does not offer it, installs
 * postgresql-<major>-postgis-3 with apt-get (running `apt-get update` first only when the install
 * fails). Throws with a clear message when that does not work.
 */
export async function ensurePostgis(client: pg.Client): Promise<string> {
  if (!(await isAvailable(client))) {
    const versionNum = Number((await client.query('SHOW server_version_num')).rows[0].server_version_num);
    const pkg = `postgresql-${Math.floor(versionNum / 10000)}-postgis-3`;
    progress(`PostGIS is not installed for this PostgreSQL server; installing ${pkg}`);
    if (run('apt-get', ['install', '-y', '--no-install-recommends', pkg]) !== 0) {
      progress('install failed; refreshing the package lists and trying again');
      run('apt-get', ['update']);
      if (run('apt-get', ['install', '-y', '--no-install-recommends', pkg]) !== 0) {
        throw new Error(`PostGIS could not be installed: "apt-get install -y ${pkg}" failed (see above)`);
      }
    }
    if (!(await isAvailable(client))) {
      throw new Error(
        `PostGIS still unavailable after installing ${pkg}: is the server a different install?`,
      );
    }
  }
  await client.query('CREATE EXTENSION IF NOT EXISTS postgis');
  return (await client.query('SELECT postgis_full_version() AS v')).rows[0].v as string;
}

function ringWkt(ring: readonly Position[]): string {
  return `(${ring.map((p) => `${p[0]} ${p[1]}`).join(',')})`;
}

function polygonWkt(rings: readonly Position[][]): string {
  return `SRID=4326;POLYGON(${rings.map(ringWkt).join(',')})`;
}

export interface LoadedCounts {
  polygonRows: number;
  circleRows: number;
  vertices: number;
  maxCircleRadiusM: number;
}

/**
 * Creates `<schema>.zone_shapes (zone_id, geog)` and, in 'point' mode, `<schema>.zone_circles
 * (zone_id, centre, radius_m)`, fills them, builds GiST indexes and ANALYZEs.
 * 'point': a circle is its centre plus radius, queried as distance to centre ≤ R + radius — exactly
 * the circle the in-process index uses. 'ring': a circle is the polygon `circleRing` writes (vertices
 * on the circle, chords at most `chordErrorM` inside it).
 */
export async function loadZones(
  client: pg.Client,
  schema: string,
  zones: readonly Zone[],
  mode: CircleMode,
  chordErrorM = 5,
): Promise<LoadedCounts> {
  await client.query(`CREATE TABLE ${schema}.zone_shapes (zone_id text NOT NULL, geog geography NOT NULL)`);
  await client.query(
    `CREATE TABLE ${schema}.zone_circles (zone_id text NOT NULL, centre geography(Point) NOT NULL, radius_m float8 NOT NULL)`,
  );
  const counts: LoadedCounts = { polygonRows: 0, circleRows: 0, vertices: 0, maxCircleRadiusM: 0 };
  let shapeIds: string[] = [];
  let shapeWkt: string[] = [];
  let circleIds: string[] = [];
  let circleLon: number[] = [];
  let circleLat: number[] = [];
  let circleRadius: number[] = [];
  const flush = async (force: boolean) => {
    if (shapeIds.length >= 2000 || (force && shapeIds.length > 0)) {
      await client.query(
        `INSERT INTO ${schema}.zone_shapes (zone_id, geog)
         SELECT id, ST_GeogFromText(wkt) FROM unnest($1::text[], $2::text[]) AS t(id, wkt)`,
        [shapeIds, shapeWkt],
      );
      shapeIds = [];
      shapeWkt = [];
    }
    if (circleIds.length >= 5000 || (force && circleIds.length > 0)) {
      await client.query(
        `INSERT INTO ${schema}.zone_circles (zone_id, centre, radius_m)
         SELECT id, ST_MakePoint(lon, lat)::geography, r
         FROM unnest($1::text[], $2::float8[], $3::float8[], $4::float8[]) AS t(id, lon, lat, r)`,
        [circleIds, circleLon, circleLat, circleRadius],
      );
      circleIds = [];
      circleLon = [];
      circleLat = [];
      circleRadius = [];
    }
  };
  const addPolygon = (id: string, rings: Position[][]) => {
    shapeIds.push(id);
    shapeWkt.push(polygonWkt(rings));
    counts.polygonRows++;
    for (const r of rings) counts.vertices += r.length;
  };
  for (const zone of zones) {
    for (const volume of zone.volumes) {
      const g = volume.geometry;
      if (g.type === 'Polygon') addPolygon(zone.id, g.coordinates);
      else if (g.type === 'MultiPolygon') for (const p of g.coordinates) addPolygon(zone.id, p);
      else if (mode === 'ring')
        addPolygon(zone.id, [circleRing(g.center[0], g.center[1], g.radius_m, chordErrorM)]);
      else {
        circleIds.push(zone.id);
        circleLon.push(g.center[0]);
        circleLat.push(g.center[1]);
        circleRadius.push(g.radius_m);
        counts.circleRows++;
        counts.maxCircleRadiusM = Math.max(counts.maxCircleRadiusM, g.radius_m);
      }
      await flush(false);
    }
  }
  await flush(true);
  progress(
    `indexing: ${counts.polygonRows} shape rows (${counts.vertices} vertices), ${counts.circleRows} circles`,
  );
  await client.query(`CREATE INDEX ON ${schema}.zone_shapes USING gist (geog)`);
  await client.query(`CREATE INDEX ON ${schema}.zone_circles USING gist (centre)`);
  await client.query(`ANALYZE ${schema}.zone_shapes`);
  await client.query(`ANALYZE ${schema}.zone_circles`);
  return counts;
}

/**
 * The per-point query ($1 lon, $2 lat, $3 R; point mode also $4 = the largest circle radius). Shapes: ST_DWithin(geog, point, R, use_spheroid => false). Circles (point
 * mode): the index narrows by the largest radius, then distance to centre ≤ R + radius decides.
 * UNION makes zone ids distinct, as SELECT DISTINCT would.
 */
export function nearQuerySql(schema: string, mode: CircleMode): string {
  const point = 'ST_MakePoint($1::float8, $2::float8)::geography';
  const where = `WHERE ST_DWithin(geog, ${point}, $3::float8, false)`;
  if (mode === 'ring') return `SELECT DISTINCT zone_id FROM ${schema}.zone_shapes ${where}`;
  return `SELECT zone_id FROM ${schema}.zone_shapes ${where}
    UNION
    SELECT zone_id FROM ${schema}.zone_circles
    WHERE ST_DWithin(centre, ${point}, $3::float8 + $4::float8, false)
      AND ST_DWithin(centre, ${point}, $3::float8 + radius_m, false)`;
}

/** PostGIS's own distance (sphere) from a point to each shape of one zone, in metres; 0 inside. */
export async function postgisZoneDistance(
  client: pg.Client,
  schema: string,
  zoneId: string,
  lon: number,
  lat: number,
): Promise<number> {
  const r = await client.query(
    `SELECT min(d) AS d FROM (
       SELECT ST_Distance(geog, ST_MakePoint($2, $3)::geography, false) AS d
       FROM ${schema}.zone_shapes WHERE zone_id = $1
       UNION ALL
       SELECT greatest(0, ST_Distance(centre, ST_MakePoint($2, $3)::geography, false) - radius_m)
       FROM ${schema}.zone_circles WHERE zone_id = $1) t`,
    [zoneId, lon, lat],
  );
  return Number(r.rows[0].d);
}
