/**
 * Community media stripping, against copying the same file (the peer: what storing the upload as it
 * is would cost):
 *  1. a 24 MP JPEG with GPS, make, model, serial and capture time → stripped image + thumbnail
 *     (floor ≤ 1 s, goal ≤ 0.3 s); upright (lossless segment rewrite) and with EXIF orientation 6
 *     (decoded, turned and re-encoded);
 *  2. a 4K 60 s MP4 (~1 GB) with a GPS subtitle track, udta/mdta location, make and model → playable
 *     stripped file (floor ≤ 2 s, goal ≤ 0.5 s), in the server's store (fsynced);
 * each in-process (the server's work once the bytes are on its disk; peer: fs.copyFile of the input)
 * and as an HTTP share to the real server (`airlock serve`, upload over loopback included; peer: the
 * same POST to bench/lib/upload-sink.mjs, a plain Node server that writes the body to a file and
 * fsyncs it). The served files are then checked with ExifTool and FFmpeg.
 *
 *   node --import tsx bench/media-strip.ts [--runs 3]
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { copyFile, open } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LocalFolderBlobStore, putBlobFile } from '../packages/server/src/blobs/index.ts';
import { stripImage, stripVideoInPlace } from '../packages/server/src/media/index.ts';
import { FORBIDDEN, haveTools, makePhotos, makeVideo } from './lib/media-inputs.ts';
import { BENCH_DIR, fmt, markdownTable, progress, writeResults } from './lib/report.ts';
import { type ServerChild, spawnServer } from './lib/server-process.ts';
import { summarize } from './lib/stats.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Number(args.runs);
if (!haveTools()) {
  console.error(
    'media-strip needs ffmpeg and exiftool (Debian: apt-get install ffmpeg libimage-exiftool-perl)',
  );
  process.exit(2);
}
const dir = mkdtempSync(join(os.tmpdir(), 'airlock-bench-media-'));
let server: ServerChild | undefined;
const problems: string[] = [];

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
async function runs(fn: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await fn());
  return summarize(times).p50;
}
const copyPeer = (from: string) => runs(() => timed(() => copyFile(from, join(dir, 'peer-copy'))));
async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  await fh.sync();
  await fh.close();
}
const fsyncCopyPeer = (from: string) =>
  runs(() =>
    timed(async () => {
      await copyFile(from, join(dir, 'peer-copy'));
      await fsyncFile(join(dir, 'peer-copy'));
    }),
  );

try {
  progress('making the inputs with ffmpeg and exiftool');
  const photos = makePhotos(dir);
  const video = makeVideo(dir);
  const photoBytes = readFileSync(photos.upright);
  const videoSize = statSync(video);
  progress(
    `photo ${(photoBytes.length / 2 ** 20).toFixed(1)} MiB, video ${(videoSize.size / 2 ** 20).toFixed(0)} MiB`,
  );

  progress('in-process: photos');
  const rotatedBytes = readFileSync(photos.rotated);
  const upright = await runs(() => timed(() => stripImage(photoBytes, 'jpeg', 100_000_000)));
  const rotated = await runs(() => timed(() => stripImage(rotatedBytes, 'jpeg', 100_000_000)));
  const photoCopy = await copyPeer(photos.upright);

  progress('in-process: video (strip in place + rename into the store, fsynced)');
  const store = new LocalFolderBlobStore(join(dir, 'store'));
  const videoStrip = await runs(async () => {
    // Staged as an upload leaves it: on disk (the upload flushes every 64 MiB as it arrives).
    const staged = join(dir, 'staged.mp4');
    await copyFile(video, staged);
    await fsyncFile(staged);
    return timed(async () => {
      await stripVideoInPlace(staged);
      await putBlobFile(store, 'pilots/p/media/v/file.mp4', staged);
    });
  });
  const videoCopy = await copyPeer(video);
  const videoCopySync = await fsyncCopyPeer(video);

  progress('HTTP: shares to airlock serve');
  server = await spawnServer(join(dir, 'server'), {
    env: { AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false', AIRLOCK_DATASET_POLL_S: '0' },
  });
  const auth = await signIn(server.url);
  const share = async (file: string) => {
    const t = performance.now();
    const r = await postFile(`${server!.url}/v1/media`, file, auth);
    const item = JSON.parse(r.body);
    if (r.status !== 201) throw new Error(`share ${r.status}: ${r.body}`);
    return { ms: performance.now() - t, item };
  };
  const remove = (id: string) => fetch(`${server!.url}/v1/media/${id}`, { method: 'DELETE', headers: auth });
  const httpPhoto = await runs(async () => {
    const { ms, item } = await share(photos.upright);
    await remove(item.id);
    return ms;
  });
  const httpVideo = await runs(async () => {
    const { ms, item } = await share(video);
    await remove(item.id);
    return ms;
  });
  const sink = await startSink();
  const sinkPost = (file: string) => runs(() => timed(() => postFile(sink.url, file, {})));
  const httpSinkPhoto = await sinkPost(photos.upright);
  const httpSinkVideo = await sinkPost(video);
  sink.child.kill('SIGTERM');

  progress('checking what the server serves, with exiftool and ffmpeg');
  const photoItem = (await share(photos.rotated)).item;
  const videoItem = (await share(video)).item;
  await check(server.url, photoItem, videoItem);

  const verdict = (ms: number, floor: number, goal: number) =>
    ms <= goal ? 'goal met' : ms <= floor ? 'floor met' : 'BELOW FLOOR';
  const rows = [
    ['24 MP JPEG, upright → stripped + thumbnail (in-process)', upright, photoCopy, 1000, 300],
    [
      '24 MP JPEG, orientation 6 → turned, re-encoded + thumbnail (in-process)',
      rotated,
      photoCopy,
      1000,
      300,
    ],
    [
      '24 MP JPEG share over HTTP (upload included; peer: the same POST to a plain store-the-body server)',
      httpPhoto,
      httpSinkPhoto,
      1000,
      300,
    ],
    ['4K 60 s MP4 on disk → stripped, fsynced, in the store (in-process)', videoStrip, videoCopy, 2000, 500],
    [
      '4K 60 s MP4 share over HTTP (upload included; peer: the same POST to a plain store-the-body server)',
      httpVideo,
      httpSinkVideo,
      2000,
      500,
    ],
  ] as const;
  console.log(
    markdownTable(
      ['what', 'ours p50 (ms)', 'peer p50 (ms)', 'ours / peer', 'floor / goal (ms)', 'verdict'],
      rows.map(([what, ms, peer, floor, goal]) => [
        what,
        fmt(ms, 0),
        fmt(peer, 0),
        fmt(ms / peer, 2),
        `${floor} / ${goal}`,
        verdict(ms, floor, goal),
      ]),
    ),
  );
  console.log(`\nvideo copy + fsync (the in-process strip fsyncs too): ${fmt(videoCopySync, 0)} ms`);
  if (problems.length) console.log(`\nPROBLEMS:\n${problems.join('\n')}`);
  const path = writeResults('media-strip', {
    runs: RUNS,
    inputs: { photoBytes: photoBytes.length, videoBytes: videoSize.size },
    results: Object.fromEntries(
      rows.map(([what, ms, peer]) => [what, { ms, peerMs: peer, ratio: ms / peer }]),
    ),
    videoCopyFsyncMs: videoCopySync,
    httpPlainStoreMs: { photo: httpSinkPhoto, video: httpSinkVideo },
    problems,
  });
  progress(`wrote ${path}`);
} catch (e) {
  console.error(server?.stderr().slice(-3000));
  throw e;
} finally {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(problems.length ? 1 : 0);

/**
 * POSTs a file as it is on disk, streamed (a client does not hold a 1 GB video in memory), on a new
 * connection each time: a pooled socket idle past the server's keep-alive timeout races its close.
 */
function postFile(
  url: string,
  file: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: {
        ...headers,
        'content-type': 'application/octet-stream',
        'content-length': statSync(file).size,
      },
    });
    req.once('response', async (res) => {
      let body = '';
      for await (const chunk of res) body += chunk;
      resolve({ status: res.statusCode ?? 0, body });
    });
    req.once('error', reject);
    createReadStream(file, { highWaterMark: 2 ** 20 }).pipe(req);
  });
}

/** bench/lib/upload-sink.mjs as a child process. */
function startSink(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(BENCH_DIR, 'lib', 'upload-sink.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      const m = /listening on (\S+)/.exec(d);
      if (m) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`upload sink exited ${code}`)));
  });
}

async function signIn(url: string): Promise<Record<string, string>> {
  const body = JSON.stringify({ email: 'bench-media@example.org', password: 'a long bench pass phrase' });
  const json = { 'content-type': 'application/json' };
  const up = await fetch(`${url}/v1/accounts`, { method: 'POST', headers: json, body });
  if (up.status !== 201) throw new Error(`sign-up ${up.status}: ${await up.text()}`);
  const r = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: json, body });
  if (r.status !== 200 && r.status !== 201) throw new Error(`sign-in ${r.status}: ${await r.text()}`);
  return { authorization: `Bearer ${(await r.json()).token}` };
}

/** The served photo and video: no tag or byte string that places, dates or names the capture; plays. */
async function check(url: string, photo: { file_url: string }, video: { file_url: string }): Promise<void> {
  for (const [name, item] of [
    ['photo.jpg', photo],
    ['video.mp4', video],
  ] as const) {
    const path = join(dir, `served-${name}`);
    const bytes = Buffer.from(await (await fetch(`${url}${item.file_url}`)).arrayBuffer());
    writeFileSync(path, bytes);
    for (const s of FORBIDDEN) if (bytes.includes(s)) problems.push(`${name}: holds "${s}"`);
    const tags = JSON.parse(
      execFileSync('exiftool', ['-a', '-G1', '-ee3', '-json', path], { encoding: 'utf8' }),
    )[0];
    for (const [tag, value] of Object.entries(tags))
      if (
        /gps|make|model|serial|creator|location|original/i.test(tag) &&
        !/^(System|File|ExifTool):/.test(tag)
      )
        problems.push(`${name}: ${tag} = ${value}`);
  }
  const served = join(dir, 'served-video.mp4');
  const probe = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', served], {
      encoding: 'utf8',
    }),
  );
  const kinds = probe.streams.map((s: { codec_type: string }) => s.codec_type).join(',');
  if (kinds !== 'video,audio') problems.push(`video: streams ${kinds}`);
  if (probe.format.tags?.location || probe.format.tags?.creation_time)
    problems.push('video: container tags left');
  for (const window of [
    ['-t', '2'],
    ['-ss', '57'],
  ])
    try {
      execFileSync('ffmpeg', ['-v', 'error', ...window, '-i', served, '-f', 'null', '-'], { stdio: 'pipe' });
    } catch (e) {
      problems.push(`video does not decode (${window.join(' ')}): ${(e as { stderr?: Buffer }).stderr}`);
    }
}
