import { createHash } from 'node:crypto';

export interface UploadOutcome {
  logId: string;
  /** PATCHes answered 204. */
  patches: number;
  /** Servers that answered at least one PATCH. */
  servers: Set<string>;
  /** PATCHes that failed (server killed or down, 409) and were resumed through a HEAD elsewhere. */
  resumes: number;
  /** Acknowledged bytes a later HEAD did not report: must stay 0. */
  lostBytes: number;
  /** Why each resume was needed: the failed PATCH's status (or `network`) and answer. */
  failures: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One tus upload whose every request goes to another server than the one before, the servers
 * addressed directly (not through haproxy): POST on one, each PATCH on the next. A PATCH that fails
 * (its server killed, or down, or a 409) is followed by a HEAD on the next server, which must report
 * at least every byte acknowledged so far; the upload goes on from there.
 */
export async function uploadAcross(
  servers: string[],
  auth: Record<string, string>,
  bytes: Buffer,
  options: { chunk: number; first: number; name: string },
): Promise<UploadOutcome> {
  let k = options.first;
  const next = () => servers[k++ % servers.length];
  const tus = { ...auth, 'Tus-Resumable': '1.0.0' };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const out: UploadOutcome = {
    logId: '',
    patches: 0,
    servers: new Set(),
    resumes: 0,
    lostBytes: 0,
    failures: [],
  };
  let path = '';
  for (let tries = 0; !path; tries++) {
    if (tries > 50) throw new Error('no server created the upload');
    const r = await fetch(`${next()}/v1/flightlogs/uploads`, {
      method: 'POST',
      headers: {
        ...tus,
        'Upload-Length': String(bytes.length),
        'Upload-Metadata': `filename ${b64(options.name)},sha256 ${b64(sha256)}`,
      },
    }).catch(() => null);
    await r?.arrayBuffer();
    if (r?.status === 201) path = r.headers.get('location') ?? '';
    else if (r && r.status < 500) throw new Error(`upload creation answered ${r.status}`);
    else await sleep(100);
  }
  let acked = 0;
  let offset = 0;
  let logId: string | null = null;
  while (!logId) {
    const server = next();
    const r = await fetch(`${server}${path}`, {
      method: 'PATCH',
      headers: { ...tus, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
      body: new Uint8Array(bytes.subarray(offset, offset + options.chunk)),
    }).catch(() => null);
    const text = r ? await r.text().catch(() => '') : '';
    if (r?.status === 204) {
      acked = offset = Number(r.headers.get('upload-offset'));
      logId = r.headers.get('airlock-flightlog-id');
      out.patches++;
      out.servers.add(server);
      if (logId || offset < bytes.length) continue;
    } else if (r && r.status !== 409 && r.status < 500) {
      throw new Error(`PATCH answered ${r.status}: ${text}`);
    }
    // Failed, or complete without an id (the import's answer was lost): ask another server.
    out.resumes++;
    out.failures.push(`${r?.status ?? 'network'} ${text.slice(0, 200)}`.trim());
    for (let tries = 0; ; tries++) {
      if (tries > 100) throw new Error('no server answered HEAD');
      const h = await fetch(`${next()}${path}`, { method: 'HEAD', headers: tus }).catch(() => null);
      if (h?.status === 200) {
        k--; // the next PATCH goes to the server that just answered, not back to the one before
        offset = Number(h.headers.get('upload-offset'));
        out.lostBytes = Math.max(out.lostBytes, acked - offset);
        logId = h.headers.get('airlock-flightlog-id');
        break;
      }
      if (h && h.status < 500) throw new Error(`HEAD answered ${h.status}`);
      await sleep(100);
    }
  }
  out.logId = logId;
  return out;
}

/** A flight log (GPX) no other upload has: `points` fixes on a path that `seed` moves. */
export function uniqueGpx(seed: number, points = 2000): Buffer {
  const t0 = Date.UTC(2024, 4, 1, 10, 0, 0) + seed * 3_600_000;
  const pts = Array.from({ length: points }, (_, i) => {
    const lat = (37.0 + seed * 1e-3 + i * 2e-5).toFixed(7);
    const lon = (-113.5 + i * 2e-5).toFixed(7);
    return `<trkpt lat="${lat}" lon="${lon}"><ele>${(900 + (i % 120)).toFixed(1)}</ele><time>${new Date(t0 + i * 1000).toISOString()}</time></trkpt>`;
  });
  return Buffer.from(
    `<?xml version="1.0"?>\n<gpx version="1.1" creator="cluster-test" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>\n${pts.join('\n')}\n</trkseg></trk></gpx>\n`,
  );
}
