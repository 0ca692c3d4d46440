import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ImportIssue, ZoneFormat } from '@airlock/core';
import { type Command, type Io, numberArg, parseCommandArgs, UsageError } from './command.ts';
import { type Connection, connect, errorOf, operatorHeaders } from './connect.ts';
import { type Answer, multipart, send } from './http-client.ts';

export const importCommand: Command = {
  name: 'import',
  summary: 'import a zone file (OurAirports, OpenAir, ED-269, ED-318, GeoJSON, FAA TFR, NOTAM) as a dataset',
  usage: `airlock import FILE [--format ourairports|openair|ed269|ed318|geojson|faa-tfr|notam] [--dataset ID]
                   [--name NAME] [--licence TEXT] [--strict] [--accept-partial] [--replace]
                   [--server URL] [--token TOKEN]
airlock import FILE|URL --watch [--interval SECONDS] [same options]

Parses FILE, stores it in the server's database as dataset ID (default: the file name) and prints
the records skipped (with line or feature number and reason) and the zone counts per category. It goes
through the running server (--server, AIRLOCK_URL, or the one holding the local data dir; an operator
action), so every server answers with the new zones at once; with no server running it opens the data
dir itself.
--strict fails on the first bad record instead. An import that skips more than 1% of its records
stores nothing and exits 1 with the counts and the first reasons, unless --accept-partial says that
partial data is what you want. --replace overwrites a dataset with the same ID
(otherwise datasets are layered: each ID is kept). For OurAirports give airports.csv (runways.csv must be
beside it) or the folder holding both (.csv or .csv.gz).
--watch keeps running: every --interval seconds (default 300) it reads FILE or URL again and, when the
content changed, replaces the dataset with it — for temporary restrictions (FAA TFR XML, NOTAMs) that
change by the hour. Every answer's dataset version changes when the content does. Ctrl-C stops it.`,
  async run(args, io) {
    const { values, positionals, help } = parseCommandArgs(args, {
      format: { type: 'string' },
      dataset: { type: 'string' },
      name: { type: 'string' },
      licence: { type: 'string' },
      strict: { type: 'boolean' },
      'accept-partial': { type: 'boolean' },
      replace: { type: 'boolean' },
      server: { type: 'string' },
      token: { type: 'string' },
      watch: { type: 'boolean' },
      interval: { type: 'string' },
    });
    if (help) return (io.out(`${this.usage}\n`), 0);
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE');
    const { describeIssue, ZONE_FORMATS } = await import('@airlock/core');
    const format = values.format as ZoneFormat | undefined;
    if (format && !ZONE_FORMATS.includes(format))
      throw new UsageError(`--format must be one of ${ZONE_FORMATS.join(', ')}`);
    const source = positionals[0];
    const remote = /^https?:\/\//i.test(source);
    if (remote && !values.watch)
      throw new UsageError('a URL is read with --watch (fetch it once and give the file)');
    const interval = numberArg('--interval', values.interval, 5, 86_400) ?? 300;
    const id =
      (values.dataset as string | undefined) ??
      basename(remote ? new URL(source).pathname : source)
        .replace(/\.(csv|gz|txt|json|geojson|openair|xml)+$/gi, '')
        .replace(/[^A-Za-z0-9._-]/g, '-');
    const read = async () => (remote ? [await fetchSource(source)] : readSourceFiles(source, format));
    const files = await read();
    const conn = await connect(io, { server: values.server as string, token: values.token as string });
    const query = new URLSearchParams();
    const fmt = format ?? (files.length > 1 ? 'ourairports' : undefined);
    if (fmt) query.set('format', fmt);
    for (const k of ['name', 'licence'] as const)
      if (typeof values[k] === 'string') query.set(k, values[k] as string);
    if (values.strict) query.set('strict', 'true');
    if (values.replace || values.watch) query.set('replace', 'true');
    if (values['accept-partial']) query.set('accept_partial', 'true');
    const once = (f: SourceFiles) => sendImport(conn, id, f, query, io, describeIssue);
    try {
      if (!values.watch) return await once(files);
      return await watch(source, read, once, interval, io);
    } finally {
      await conn.close();
    }
  },
};

type SourceFiles = Array<{ name: string; text: string }>;

/**
 * `--watch`: re-reads the file or URL every `interval` seconds and imports it again (replacing the
 * dataset) only when its content changed, so the dataset version in every answer changes when, and
 * only when, the source does. A failed read or import is reported and retried at the next interval.
 * Runs until SIGINT or SIGTERM.
 */
async function watch(
  source: string,
  read: () => Promise<SourceFiles>,
  once: (f: SourceFiles) => Promise<number>,
  interval: number,
  io: Io,
): Promise<number> {
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let last = '';
  let files: SourceFiles | null = null;
  try {
    for (;;) {
      try {
        files ??= await read();
        const hash = contentHash(files);
        if (hash !== last && (await once(files)) === 0) last = hash;
      } catch (e) {
        if (e instanceof UsageError) throw e;
        io.err(`airlock import: ${source}: ${(e as Error).message}; trying again in ${interval} s\n`);
      }
      files = null;
      io.err(`  watching ${source}: next look in ${interval} s (Ctrl-C stops)\n`);
      // Not unref'd: this timer is what keeps the watching process alive; cleared when stopped.
      let timer: NodeJS.Timeout | undefined;
      const tick = new Promise<'tick'>((r) => {
        timer = setTimeout(() => r('tick'), interval * 1000);
      });
      const next = await Promise.race([tick, stopped.then(() => 'stop' as const)]);
      clearTimeout(timer);
      if (next === 'stop') return 0;
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function contentHash(files: SourceFiles): string {
  const h = createHash('sha256');
  for (const f of files) h.update(f.name).update('\0').update(f.text).update('\0');
  return h.digest('hex');
}

async function fetchSource(url: string): Promise<{ name: string; text: string }> {
  const res = await send(url, { headers: { accept: '*/*' } });
  if (!res.ok) throw new Error(`GET answered ${res.status}`);
  return { name: basename(new URL(url).pathname) || 'download', text: await res.text() };
}

/** One PUT of the files as dataset `id`; prints what the server made of them. */
async function sendImport(
  conn: Connection,
  id: string,
  files: SourceFiles,
  query: URLSearchParams,
  io: Io,
  describeIssue: (issue: ImportIssue) => string,
): Promise<number> {
  let body: string | Buffer = files[0].text;
  const headers = operatorHeaders(conn);
  if (files.length > 1) {
    const form = multipart(files.map((f, i) => ({ field: i === 0 ? 'airports' : 'runways', ...f })));
    body = form.body;
    headers['content-type'] = form.contentType;
  }
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  io.err(`  sending ${(bytes / 1e6).toFixed(1)} MB as dataset ${id} …\n`);
  const started = performance.now();
  const res = await conn.fetch(`/v1/admin/datasets/${encodeURIComponent(id)}?${query}`, {
    method: 'PUT',
    headers,
    body,
  });
  if (res.status === 422) {
    const refused = await partialRefusal(res); // an Answer reads its body once and keeps it
    if (refused) return (io.err(refused), 1);
  }
  if (!res.ok) {
    const why = await errorOf(res);
    io.err(res.status === 409 ? `import failed: ${why} (pass --replace)\n` : `import failed: ${why}\n`);
    return 1;
  }
  const out = (await res.json()) as ImportAnswer;
  io.err(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  for (const issue of out.issues.slice(0, 50)) io.err(`skipped ${describeIssue(issue)}\n`);
  if (out.skipped > 50) io.err(`… and ${out.skipped - 50} more skipped\n`);
  const d = out.dataset;
  io.out(
    `${out.changed ? 'imported' : 'unchanged (same content already imported)'} dataset ${d.id} version ${d.version}: ${d.zoneCount} zones, ${out.skipped} records skipped\n`,
  );
  for (const [cat, n] of Object.entries(d.counts)) io.out(`  ${cat.padEnd(17)} ${n}\n`);
  return 0;
}

/** The 422 `partial_import` answer as lines for stderr, or undefined for any other 422. */
async function partialRefusal(res: Answer): Promise<string | undefined> {
  const { describeIssue } = await import('@airlock/core');
  const body = (await res.json().catch(() => undefined)) as
    | { error?: { code?: string; message?: string; details?: PartialDetails } }
    | undefined;
  const d = body?.error?.details;
  if (body?.error?.code !== 'partial_import' || !d) return undefined;
  const lines = [`import refused: ${d.skipped} of ${d.read} records skipped, nothing stored`];
  for (const issue of d.issues) lines.push(`skipped ${describeIssue(issue)}`);
  if (d.skipped > d.issues.length) lines.push(`… and ${d.skipped - d.issues.length} more skipped`);
  lines.push('fix the file, or pass --accept-partial to store the other records');
  return `${lines.join('\n')}\n`;
}

interface PartialDetails {
  read: number;
  skipped: number;
  issues: ImportIssue[];
}

interface ImportAnswer {
  dataset: { id: string; version: string; zoneCount: number; counts: Record<string, number> };
  changed: boolean;
  skipped: number;
  issues: ImportIssue[];
}

function readSourceFiles(
  path: string,
  format: ZoneFormat | undefined,
): Array<{ name: string; text: string }> {
  if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
  if (statSync(path).isDirectory()) {
    const pick = (stem: string) =>
      readdirSync(path).find((f) => f === `${stem}.csv` || f === `${stem}.csv.gz`);
    const a = pick('airports');
    const r = pick('runways');
    if (!a || !r)
      throw new UsageError(`${path}: a folder must hold airports.csv and runways.csv (or .csv.gz)`);
    return [
      { name: a, text: readMaybeGzip(join(path, a)) },
      { name: r, text: readMaybeGzip(join(path, r)) },
    ];
  }
  const files = [{ name: basename(path), text: readMaybeGzip(path) }];
  if (format === 'ourairports' || /airports\.csv(\.gz)?$/i.test(path)) {
    const dir = dirname(path);
    const r = ['runways.csv', 'runways.csv.gz'].map((f) => join(dir, f)).find(existsSync);
    if (!r) throw new UsageError(`OurAirports needs runways.csv beside ${path}`);
    files.push({ name: basename(r), text: readMaybeGzip(r) });
  }
  return files;
}

/** A file's text, gunzipped when it is gzip (the CLI does not load the airspace service for this). */
function readMaybeGzip(path: string): string {
  const bytes = readFileSync(path);
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}
