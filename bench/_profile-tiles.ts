/**
 * Where the server spends its time answering warm tiles (or /v1/ping): runs the server child with
 * --cpu-prof under 10 s of autocannon load and lists self time by function. Not a bench (the leading
 * _ keeps run-bench from running it):
 *
 *   node --import tsx bench/_profile-tiles.ts [tiles|ping]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ZoneIndex } from '@airlock/core';
import autocannon from 'autocannon';
import { fmt, markdownTable, progress } from './lib/report.ts';
import { spawnServer } from './lib/server-process.ts';
import { rankAirports, tilePath, tilesAround } from './lib/tiles.ts';
import { airportSites, loadWorldZones } from './lib/world-zones.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const route = process.argv[2] === 'ping' ? 'ping' : 'tiles';
const world = loadWorldZones();
const tiles = tilesAround(rankAirports(airportSites(world.zones)), ZoneIndex.build(world.zones), 200, 0);
const profDir = mkdtempSync(join(os.tmpdir(), 'airlock-prof-'));
const server = await spawnServer(join(os.tmpdir(), 'airlock-bench-data'), {
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`],
});
const requests = route === 'tiles' ? tiles.map((t) => ({ path: tilePath(t) })) : [{ path: '/v1/ping' }];
await autocannon({ url: server.url, connections: 20, duration: 3, requests });
const cpu = process.cpuUsage();
const r = await autocannon({ url: server.url, connections: 20, duration: 10, requests });
const used = process.cpuUsage(cpu);
await server.stop();
progress(
  `${route}: ${fmt(r.requests.total / r.duration, 0)} req/s; autocannon used ${fmt((used.user + used.system) / 1e6)} CPU s of 10`,
);

// The main thread's profile is the busiest one (tsx's loader thread writes another).
let best: { self: Map<string, number>; total: number; idle: number } | null = null;
for (const f of readdirSync(profDir)) {
  const prof = JSON.parse(readFileSync(join(profDir, f), 'utf8')) as Profile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const c = byId.get(id)?.callFrame;
    const key = c ? `${c.functionName || '(anonymous)'} ${c.url.split('/').slice(-3).join('/')}` : '?';
    self.set(key, (self.get(key) ?? 0) + prof.timeDeltas[i]);
    total += prof.timeDeltas[i];
  });
  const idle = self.get('(idle) ') ?? 0;
  if (!best || total - idle > best.total - best.idle) best = { self, total, idle };
}
rmSync(profDir, { recursive: true, force: true });
if (best) {
  const rows = [...best.self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)
    .map(([k, v]) => [`\`${k.trim()}\``, fmt((100 * v) / best.total)]);
  console.log(`## Server CPU profile, ${route} (whole process life, including start-up)\n`);
  console.log(markdownTable(['function', 'self %'], rows));
}
