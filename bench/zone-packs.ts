/**
 * Zone pack sizes (issue #15): the world pack, the largest country packs and a 5° tile, as the
 * server signs them (gzip level 9, what crosses the network), and the delta a device holding
 * yesterday's pack downloads after a day of temporary-restriction churn. The server's own services
 * run in this process (PGlite in memory, the bundled OurAirports world snapshot, ~92k zones) with a
 * TFR dataset made by the FAA TFR importer from documents shaped like its fixtures: VIP circles as
 * merged-area polygons, fire and hazard polygons, space operations. Also timed: building and signing
 * a pack on the server, and verifying + indexing it on the device (core's code, as the SDK runs it).
 * Goals: world ≤ 8 MB gzip, a day's delta ≤ 50 KB gzip; the floor is "measured".
 * Also: the world pack rebuilt after the day's change (the pack worker reuses the parts of unchanged
 * datasets) beside its first build, and memory after the world and every country pack were asked
 * (process RSS, and the bytes the packs hold in the answer cache against its budget).
 *
 *   node --import tsx bench/zone-packs.ts [--active 100] [--churn 25] [--amended 5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ZoneIndex } from '@airlock/core/geofence';
import { importVerifyKey, openSealed, readPayload, tilePackId } from '@airlock/core/zone-pack';
import { loadConfig } from '../packages/server/src/config/index.ts';
import { silentLogger } from '../packages/server/src/log/index.ts';
import { openServices } from '../packages/server/src/server.ts';
import { ZonePackService } from '../packages/server/src/zone-packs/index.ts';
import { fmt, markdownTable, progress, writeResults } from './lib/report.ts';
import { seededRandom } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    // The FAA's list typically shows one to two hundred TFRs in force (VIP, fire, hazards, space
    // operations, security); each day some dozens end and as many are published, a few are amended.
    active: { type: 'string', default: '150' },
    churn: { type: 'string', default: '30' },
    amended: { type: 'string', default: '10' },
  },
});
const ACTIVE = Number(args.active);
const CHURN = Number(args.churn);
const AMENDED = Number(args.amended);
const GOAL_WORLD_BYTES = 8 * 1024 * 1024;
const GOAL_DELTA_BYTES = 50 * 1024;

const random = seededRandom(15);
const HOUR = 3_600_000;

/** Where TFRs happen: the contiguous US, weighted to the fire-prone west and the busy east. */
function usPoint(): [number, number] {
  return [-124 + random() * 54, 25 + random() * 24];
}

interface TfrSpec {
  id: number;
  kind: 'vip' | 'fire' | 'hazard' | 'space';
  lon: number;
  lat: number;
  radiusNm: number;
  vertices: number;
  upperFt: number;
  start: number;
  end: number;
  amendment: number;
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 19);
const lat = (v: number) => `${Math.abs(v).toFixed(4)}${v < 0 ? 'S' : 'N'}`;
const lon = (v: number) => `${Math.abs(v).toFixed(4).padStart(8, '0')}${v < 0 ? 'W' : 'E'}`;

/** One FAA detail document (XNOTAM-Update, as tfr.faa.gov serves them and the fixtures are shaped). */
function tfrXml(s: TfrSpec): string {
  const ring: string[] = [];
  for (let i = 0; i <= s.vertices; i++) {
    const a = ((i % s.vertices) / s.vertices) * 2 * Math.PI;
    // Irregular for fires (a perimeter), round for the rest.
    const r = (s.radiusNm / 60) * (s.kind === 'fire' ? 0.7 + 0.3 * Math.abs(Math.sin(3 * a + s.id)) : 1);
    const y = s.lat + r * Math.cos(a);
    const x = s.lon + (r * Math.sin(a)) / Math.cos((s.lat * Math.PI) / 180);
    ring.push(
      `<Avx><codeType>GRC</codeType><geoLat>${lat(y)}</geoLat><geoLong>${lon(x)}</geoLong><codeDatum>WGE</codeDatum></Avx>`,
    );
  }
  const purpose = {
    vip: 'TO PROVIDE A SAFE ENVIRONMENT FOR VIP MOVEMENT',
    fire: 'TO PROVIDE A SAFE ENVIRONMENT FOR FIRE FIGHTING ACFT OPS',
    hazard: 'HAZARDS',
    space: 'SPACE OPERATIONS',
  }[s.kind];
  const part = { vip: '91.141', fire: '91.137(a)(2)', hazard: '91.137(a)(1)', space: '91.143' }[s.kind];
  return `<?xml version="1.0" encoding="UTF-8"?>
<XNOTAM-Update version="0.1" origin="FAA">
<Group><Add><Not>
  <NotUid><txtLocalName>${6}/${String(s.id).padStart(4, '0')}</txtLocalName><dateIssued>${iso(s.start - 2 * HOUR)}</dateIssued></NotUid>
  <dateEffective>${iso(s.start)}</dateEffective>
  <dateExpire>${iso(s.end)}</dateExpire>
  <codeTimeZone>UTC</codeTimeZone>
  <txtDescrPurpose>${purpose}${s.amendment > 0 ? ` (AMENDED ${s.amendment})` : ''}</txtDescrPurpose>
  <TfrNot>
    <codeType>${part}</codeType>
    <TFRAreaGroup>
      <aseTFRArea>
        <txtName>AREA A</txtName>
        <codeDistVerUpper>ALT</codeDistVerUpper><valDistVerUpper>${s.upperFt}</valDistVerUpper><uomDistVerUpper>FT</uomDistVerUpper>
        <codeDistVerLower>HEI</codeDistVerLower><valDistVerLower>0</valDistVerLower><uomDistVerLower>FT</uomDistVerLower>
      </aseTFRArea>
      <abdMergedArea>${ring.join('')}</abdMergedArea>
    </TFRAreaGroup>
  </TfrNot>
</Not></Add></Group>
</XNOTAM-Update>
`;
}

let nextId = 1000;
function newTfr(now: number): TfrSpec {
  const r = random();
  const kind = r < 0.35 ? 'vip' : r < 0.75 ? 'fire' : r < 0.92 ? 'hazard' : 'space';
  const [x, y] = usPoint();
  const spec = {
    vip: { radiusNm: 30, vertices: 48, upperFt: 17999, days: 1 },
    fire: { radiusNm: 3 + random() * 10, vertices: 12 + Math.floor(random() * 30), upperFt: 8000, days: 14 },
    hazard: { radiusNm: 1 + random() * 3, vertices: 16, upperFt: 3000, days: 5 },
    space: { radiusNm: 20 + random() * 40, vertices: 24, upperFt: 99999, days: 2 },
  }[kind];
  return {
    id: nextId++,
    kind,
    lon: x,
    lat: y,
    radiusNm: spec.radiusNm,
    vertices: spec.vertices,
    upperFt: spec.upperFt,
    start: now - HOUR,
    end: now + spec.days * 24 * HOUR + random() * 24 * HOUR,
    amendment: 0,
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'airlock-zone-packs-'));
  const config = loadConfig({
    PORT: '0',
    AIRLOCK_DATA_DIR: dataDir,
    AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'true',
    AIRLOCK_DATASET_POLL_S: '0',
  });
  progress('opening services and importing the bundled world airspace');
  const s = await openServices(config, silentLogger, { memory: true });
  try {
    const now = Date.now();
    let tfrs = Array.from({ length: ACTIVE }, () => newTfr(now));
    const importTfrs = () =>
      s.airspace.importDataset({
        id: 'faa-tfr',
        files: [{ name: 'tfr.xml', text: tfrs.map(tfrXml).join('') }],
        replace: true,
      });
    const day0 = await importTfrs();
    progress(
      `day 0: ${tfrs.length} TFRs imported (${JSON.stringify(day0).slice(0, 80)}), ${s.airspace.index.size} zones in all`,
    );
    // The server's service but never answering a stale version (a device would get one while the
    // world rebuilds): the bench times each build to its end.
    const packs = new ZonePackService(s.airspace, s.zonePacks.key, {
      cache: s.answerCache.answers,
      staleAfterMs: 3_600_000,
    });
    const mib = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
    const trusted = await importVerifyKey(packs.key.publicKey);

    /** One pack as the server answers it, and what the device pays to use it. */
    async function measure(id: string, have?: string) {
      const t0 = performance.now();
      const answer = await packs.answer(id, have);
      const buildMs = performance.now() - t0;
      if (answer.kind === 'current') throw new Error(`${id}: nothing changed`);
      const t1 = performance.now();
      const { value } = readPayload(await openSealed(answer.body.sealed, trusted));
      const zones = value.kind === 'pack' ? value.zones : [...value.added, ...value.changed];
      const index = ZoneIndex.build(zones);
      const deviceMs = performance.now() - t1;
      if (answer.stale) throw new Error(`${id}: stale answer`);
      return {
        id,
        kind: answer.kind,
        version: answer.version,
        zones: value.kind === 'pack' ? value.zones.length : undefined,
        added: value.kind === 'delta' ? value.added.length : undefined,
        changed: value.kind === 'delta' ? value.changed.length : undefined,
        removed: value.kind === 'delta' ? value.removed.length : undefined,
        indexed: index.size,
        rawBytes: answer.body.sealed.length,
        gzipBytes: answer.body.gzip.length,
        serverBuildMs: Math.round(buildMs),
        deviceVerifyAndIndexMs: Math.round(deviceMs),
      };
    }

    progress('world pack');
    const world = await measure('world');
    // Countries with the most zones: the largest packs are among them.
    const perCountry = new Map<string, number>();
    for (const z of s.airspace.index.zones)
      if (z.country) perCountry.set(z.country, (perCountry.get(z.country) ?? 0) + 1);
    const top = [...perCountry]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([c]) => c);
    const countries = [];
    for (const c of top) {
      progress(`country pack ${c}`);
      countries.push(await measure(`country-${c}`));
    }
    countries.sort((a, b) => b.gzipBytes - a.gzipBytes);
    // The tiles of two busy regions and the busiest TFR tile.
    const tileIds = [tilePackId(8.5, 47.4), tilePackId(-77.03, 38.9), tilePackId(-118.4, 34)];
    const tiles = [];
    for (const id of tileIds) tiles.push(await measure(id));
    progress(`every country pack (${perCountry.size})`);
    const tAll = performance.now();
    let countryPacks = 0;
    for (const c of perCountry.keys()) {
      if (c.length !== 2) continue;
      const a = await packs.answer(`country-${c}`, undefined).catch(() => null);
      if (a) countryPacks++;
    }
    const allCountriesMs = Math.round(performance.now() - tAll);
    (globalThis as { gc?: () => void }).gc?.();
    const memory = {
      countryPacks,
      allCountriesMs,
      rssMiB: mib(process.memoryUsage().rss),
      heapUsedMiB: mib(process.memoryUsage().heapUsed),
      packCacheMiB: mib(packs.cachedBytes),
      answerCacheMiB: mib(s.answerCache.answers.usedBytes),
      answerBudgetMiB: mib(s.answerCache.answers.budgetBytes),
    };
    progress(`memory: ${JSON.stringify(memory)}`);
    const before = {
      world: world.version,
      us: countries.find((c) => c.id === 'country-US')?.version,
      tiles: tiles.map((t) => t.version),
    };

    // A day later: CHURN ended and CHURN published, AMENDED amended (new times or shape).
    tfrs = tfrs.slice(CHURN);
    for (let i = 0; i < AMENDED; i++) {
      const t = tfrs[Math.floor(random() * tfrs.length)];
      t.amendment++;
      t.end += 12 * HOUR;
      t.radiusNm *= 1.1;
    }
    for (let i = 0; i < CHURN; i++) tfrs.push(newTfr(now + 24 * HOUR));
    await importTfrs();
    progress(`day 1: ${CHURN} ended, ${CHURN} new, ${AMENDED} amended; ${tfrs.length} in force`);
    // The world rebuilt for the new datasets (the worker keeps the parts of unchanged datasets), then
    // the delta from yesterday's version.
    const tRebuild = performance.now();
    const rebuilt = await packs.answer('world', undefined);
    const worldRebuildMs = Math.round(performance.now() - tRebuild);
    if (rebuilt.version === before.world) throw new Error('the world pack did not change');
    const worldDelta = await measure('world', before.world);
    const usDelta = before.us ? await measure('country-US', before.us) : null;
    const tileDeltas = [];
    for (const [i, id] of tileIds.entries()) {
      const a = await packs.answer(id, before.tiles[i]);
      tileDeltas.push({ id, kind: a.kind, gzipBytes: a.kind === 'current' ? 0 : a.body.gzip.length });
    }

    const kb = (n: number) => fmt(n / 1024, 1);
    const rows: Array<Array<string | number>> = [
      [
        'world pack',
        world.zones ?? '',
        kb(world.rawBytes),
        kb(world.gzipBytes),
        `≤ ${kb(GOAL_WORLD_BYTES)}`,
        world.gzipBytes <= GOAL_WORLD_BYTES ? 'met' : 'NOT MET',
        world.serverBuildMs,
        world.deviceVerifyAndIndexMs,
      ],
      ...countries.map((c, i) => [
        `${c.id}${i === 0 ? ' (largest)' : ''}`,
        c.zones ?? '',
        kb(c.rawBytes),
        kb(c.gzipBytes),
        '',
        '',
        c.serverBuildMs,
        c.deviceVerifyAndIndexMs,
      ]),
      ...tiles.map((t) => [
        t.id,
        t.zones ?? '',
        kb(t.rawBytes),
        kb(t.gzipBytes),
        '',
        '',
        t.serverBuildMs,
        t.deviceVerifyAndIndexMs,
      ]),
      [
        'world pack rebuilt after the day (worker reuses unchanged datasets)',
        '',
        '',
        '',
        '',
        '',
        worldRebuildMs,
        '',
      ],
      [
        `world delta, a day of TFRs (+${worldDelta.added} ~${worldDelta.changed} -${worldDelta.removed})`,
        '',
        kb(worldDelta.rawBytes),
        kb(worldDelta.gzipBytes),
        `≤ ${kb(GOAL_DELTA_BYTES)}`,
        worldDelta.gzipBytes <= GOAL_DELTA_BYTES ? 'met' : 'NOT MET',
        worldDelta.serverBuildMs,
        worldDelta.deviceVerifyAndIndexMs,
      ],
      ...(usDelta
        ? [
            [
              `country-US delta, same day`,
              '',
              kb(usDelta.rawBytes),
              kb(usDelta.gzipBytes),
              '',
              '',
              usDelta.serverBuildMs,
              usDelta.deviceVerifyAndIndexMs,
            ],
          ]
        : []),
      ...tileDeltas.map((t) => [
        `${t.id} delta, same day (${t.kind})`,
        '',
        '',
        kb(t.gzipBytes),
        '',
        '',
        '',
        '',
      ]),
    ];
    const table = markdownTable(
      ['pack', 'zones', 'KiB raw', 'KiB gzip', 'goal', '', 'server build+sign ms', 'device verify+index ms'],
      rows,
    );
    console.log(table);
    console.log(
      `\nAfter the world, ${memory.countryPacks} country packs (${memory.allCountriesMs} ms) and 3 tiles: RSS ${memory.rssMiB} MiB, heap ${memory.heapUsedMiB} MiB; packs hold ${memory.packCacheMiB} MiB of the answer cache (${memory.answerCacheMiB} of ${memory.answerBudgetMiB} MiB used)`,
    );
    const path = writeResults('zone-packs', {
      command: `node --import tsx bench/zone-packs.ts --active ${ACTIVE} --churn ${CHURN} --amended ${AMENDED}`,
      tfrDay: { active: ACTIVE, ended: CHURN, published: CHURN, amended: AMENDED },
      world,
      countries,
      tiles,
      worldRebuildMs,
      memory,
      worldDelta,
      usDelta,
      tileDeltas,
      goals: { worldGzipBytes: GOAL_WORLD_BYTES, deltaGzipBytes: GOAL_DELTA_BYTES },
      table,
    });
    progress(`wrote ${path}`);
    await packs.close();
  } finally {
    await s.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
