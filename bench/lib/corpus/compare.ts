/** How an Airlock reading and a reference reading of one file are judged the same (see real-corpus.ts). */
import { distanceM, type Flight, type ImportResult } from '@airlock/core';
import type { Line, LogCounts, OpenAirRef } from './references.ts';

export interface Verdict {
  agree: boolean;
  /** What was compared and, when they differ, how. */
  detail: string;
}

const lengthOf = (lines: Line[]) =>
  lines.reduce(
    (sum, l) => sum + l.slice(1).reduce((s, p, i) => s + distanceM(l[i][0], l[i][1], p[0], p[1]), 0),
    0,
  );

/** Airlock's track as lines, one per segment. */
export function flightLines(flight: Flight): Line[] {
  const { lon_deg, lat_deg, segment_starts } = flight.track;
  return Array.from(segment_starts, (start, i) => {
    const end = segment_starts[i + 1] ?? lon_deg.length;
    return Array.from(
      { length: end - start },
      (_, k) => [lon_deg[start + k], lat_deg[start + k]] as [number, number],
    );
  });
}

/** Same number of points and the same length within 3% (the issue's bound for distances). */
export function compareLines(ours: Line[], ref: Line[], refName: string): Verdict {
  // A lone point is no line: neither side can measure it.
  const keep = (ls: Line[]) => ls.filter((l) => l.length > 1);
  const [o, r] = [keep(ours), keep(ref)];
  const [op, rp] = [o, r].map((ls) => ls.reduce((n, l) => n + l.length, 0));
  const [od, rd] = [lengthOf(o), lengthOf(r)];
  const within = rd === 0 ? od === 0 : Math.abs(od - rd) / rd <= 0.03;
  return {
    agree: op === rp && within,
    detail: `${refName}: ${r.length} line(s), ${rp} points, ${(rd / 1000).toFixed(3)} km; Airlock ${o.length}, ${op}, ${(od / 1000).toFixed(3)} km`,
  };
}

/** Every message type the reference counts, counted the same by Airlock; ULog also its duration. */
export function compareCounts(ours: Flight, ref: LogCounts, refName: string): Verdict {
  const differ: string[] = [];
  for (const [type, n] of Object.entries(ref.counts)) {
    if (type === 'BAD_DATA') continue;
    const mine = ours.messages[type] ?? 0;
    if (mine !== n) differ.push(`${type} ${mine} vs ${n}`);
  }
  if (ref.start_us !== undefined && ref.last_us !== undefined && ours.duration_s !== null) {
    const refS = (ref.last_us - ref.start_us) / 1e6;
    if (Math.abs(refS - ours.duration_s) > 0.05) differ.push(`duration ${ours.duration_s} s vs ${refS} s`);
  }
  const types = Object.keys(ref.counts).filter((t) => t !== 'BAD_DATA').length;
  return {
    agree: differ.length === 0,
    detail:
      differ.length === 0
        ? `${refName}: ${types} message types, counts equal`
        : `${refName}: ${differ.length} of ${types} differ: ${differ.slice(0, 5).join('; ')}`,
  };
}

const norm = (name: string) => name.trim().replace(/\s+/g, ' ').toUpperCase();

/** The same airspaces by name (as a multiset) and the same circle radii, nothing skipped. */
export function compareOpenAir(ours: ImportResult, ref: OpenAirRef, refName: string): Verdict {
  if (ref.error !== undefined) {
    return {
      agree: false,
      detail: `${refName} refused the file (${ref.error}); Airlock ${ours.zones.length} zones, ${ours.issues.length} skipped`,
    };
  }
  const left = new Map<string, number>();
  for (const a of ref.airspaces) left.set(norm(a.name), (left.get(norm(a.name)) ?? 0) + 1);
  const extra: string[] = [];
  for (const z of ours.zones) {
    const n = left.get(norm(z.name)) ?? 0;
    if (n === 0) extra.push(z.name);
    else left.set(norm(z.name), n - 1);
  }
  const missing = [...left].filter(([, n]) => n > 0).map(([name]) => name);
  const radii: string[] = [];
  const circles = new Map(ref.airspaces.filter((a) => a.kind === 'circle').map((a) => [norm(a.name), a]));
  for (const z of ours.zones) {
    const g = z.volumes[0]?.geometry;
    const c = circles.get(norm(z.name));
    if (g?.type === 'Circle' && c?.radiusNm !== undefined) {
      const refM = c.radiusNm * 1852;
      if (Math.abs(g.radius_m - refM) > refM * 0.001) radii.push(`${z.name} ${g.radius_m} m vs ${refM} m`);
    }
  }
  const agree = missing.length === 0 && extra.length === 0 && radii.length === 0 && ours.issues.length === 0;
  const why = [
    missing.length ? `missing ${missing.length} (${missing.slice(0, 3).join(', ')})` : '',
    extra.length ? `extra ${extra.length} (${extra.slice(0, 3).join(', ')})` : '',
    radii.length ? `radius ${radii.slice(0, 2).join('; ')}` : '',
    ours.issues.length ? `skipped ${ours.issues.length}: ${ours.issues[0].reason}` : '',
  ].filter(Boolean);
  return {
    agree,
    detail: `${refName}: ${ref.airspaces.length} airspaces; Airlock ${ours.zones.length} zones${why.length ? `; ${why.join('; ')}` : ', same names and radii'}`,
  };
}
