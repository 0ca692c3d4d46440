import { locationRequests, utcDay } from '@airlock/core';
import { busyReport } from '../../../packages/server/src/testing/test-reports.ts';
import { loops, Tally, tileOf } from './traffic.ts';
import { type UploadOutcome, uniqueGpx, uploadAcross } from './upload-across.ts';

const KSGU = { lon: -113.51, lat: 37.036 };
const json = { 'content-type': 'application/json' };

export interface Workload {
  telemetry: Tally;
  reads: Tally;
  accounts: Tally;
  /** Sign-ups answered 201. */
  signedUp: string[];
  uploads: Array<UploadOutcome & { bytes: Buffer; auth: Record<string, string> }>;
  uploadErrors: string[];
  /** Stops every loop after its request in flight; uploads in progress finish first. */
  stop(): Promise<void>;
}

/**
 * The mixed workload, until stopped: through haproxy, 4 telemetry senders, 2 readers of tiles and
 * location cells around St George (the datasets imported), 1 loop of sign-ups and sign-ins; and one
 * upload loop per pilot whose every request goes straight to another server (64 KiB PATCHes of a
 * ~210 kB GPX no other upload has).
 */
export function startWorkload(o: {
  front: string;
  direct: string[];
  pilots: Array<{ auth: Record<string, string> }>;
  password: string;
}): Workload {
  let running = true;
  const on = () => running;
  const day = utcDay();
  const reports = Array.from({ length: 8 }, (_, i) => {
    const r = busyReport(day, 10);
    r.context = { ...r.context, app_version: `9.${i}.0` };
    return JSON.stringify(r);
  });
  const tiles = [8, 9, 10, 11].map((z) => tileOf(KSGU.lon, KSGU.lat, z));
  const cells = [-0.2, -0.1, 0, 0.1, 0.2].map(
    (d) => locationRequests('cell', { lon: KSGU.lon + d, lat: KSGU.lat + d })[0].path,
  );
  const w: Omit<Workload, 'stop'> = {
    telemetry: new Tally(),
    reads: new Tally(),
    accounts: new Tally(),
    signedUp: [],
    uploads: [],
    uploadErrors: [],
  };
  const post = (path: string, body: string) =>
    fetch(`${o.front}${path}`, { method: 'POST', headers: json, body });
  const all = [
    loops(4, on, w.telemetry, (i) => post('/v1/telemetry/app_performance', reports[i % reports.length])),
    loops(2, on, w.reads, (i) => {
      const t = tiles[i % tiles.length];
      return fetch(`${o.front}${i % 2 ? `/v1/zones/tiles/${t.z}/${t.x}/${t.y}` : cells[i % cells.length]}`);
    }),
    loops(1, on, w.accounts, async (i) => {
      const email = `walker${i}@cluster.example`;
      const res = await post('/v1/accounts', JSON.stringify({ email, password: o.password }));
      if (res.status === 201) w.signedUp.push(email);
      if (i % 2 === 0 || w.signedUp.length === 0) return res;
      await res.arrayBuffer();
      const known = w.signedUp[i % w.signedUp.length];
      return post('/v1/sessions', JSON.stringify({ email: known, password: o.password }));
    }),
    ...o.pilots.map(async (p, pi) => {
      for (let n = 0; running; n++) {
        const bytes = uniqueGpx(pi * 1000 + n);
        const name = `p${pi}-${n}.gpx`;
        try {
          const done = await uploadAcross(o.direct, p.auth, bytes, { chunk: 64 * 1024, first: pi + n, name });
          w.uploads.push({ ...done, bytes, auth: p.auth });
        } catch (e) {
          w.uploadErrors.push(`${name}: ${(e as Error).message}`);
        }
      }
    }),
  ];
  return {
    ...w,
    async stop() {
      running = false;
      await Promise.all(all);
    },
  };
}
