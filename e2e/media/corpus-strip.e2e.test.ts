// Every real photo and video of ../shared/data/media shared through the HTTP API of a real server, then
// judged on the bytes it serves by independent tools: ExifTool (-ee3, every embedded stream too) finds
// none of the file's sensitive tags and no location, time or device tag at all; none of its forbidden
// byte strings (serial numbers, capture times, ISO 6709 positions) occurs in the file or thumbnail;
// ffprobe finds only the picture and sound tracks, and FFmpeg decodes every frame.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../packages/server/src/testing/test-server.ts';
import { errorShapeProblem } from '../testing/error-shape.ts';
import {
  type CorpusFile,
  decodeErrors,
  exiftool,
  ffprobe,
  haveMediaTools,
  MEDIA_DIR,
  readCorpus,
} from '../testing/media-tools.ts';

const SHAREABLE = new Set(['.jpg', '.png', '.webp', '.avif', '.mp4', '.mov']);
/** Tag names that tell where, when or with what, in any group but the tools' own and the file system's. */
const IDENTIFYING =
  /gps|latitude|longitude|location|city|country|serial|make|model|software|firmware|owner|author|creator|artist|copyright|date|uniqueid|documentid|instanceid/i;
const TOOL_GROUPS = new Set(['System', 'File', 'ExifTool', 'Composite', 'SourceFile']);

describe('every corpus file, shared: nothing identifying survives in the served bytes', () => {
  let t: TestServer;
  let auth: Record<string, string>;
  let out: string;
  const served = new Map<
    string,
    { path: string; bytes: Buffer; thumbnail: Buffer | null; view: Record<string, unknown> }
  >();
  const corpus = readCorpus();

  before(async () => {
    assert.ok(
      haveMediaTools(),
      'exiftool, ffprobe and ffmpeg are needed (Debian libimage-exiftool-perl, ffmpeg)',
    );
    out = mkdtempSync(join(tmpdir(), 'airlock-media-served-'));
    t = await startTestServer();
    auth = (await t.pilot('media-corpus@example.org')).auth;
    for (const f of corpus.filter((f) => SHAREABLE.has(extname(f.file)) && f.format !== 'HEIC')) {
      const r = await fetch(`${t.url}/v1/media?title=${encodeURIComponent(f.file)}`, {
        method: 'POST',
        headers: auth,
        body: readFileSync(join(MEDIA_DIR, f.file)),
      });
      const view = await r.json();
      assert.equal(r.status, 201, `${f.file}: ${JSON.stringify(view)}`);
      const bytes = Buffer.from(await (await fetch(`${t.url}${view.file_url}`)).arrayBuffer());
      const thumbnail = view.thumbnail_url
        ? Buffer.from(await (await fetch(`${t.url}${view.thumbnail_url}`)).arrayBuffer())
        : null;
      const path = join(out, `${view.id}${extname(f.file)}`);
      writeFileSync(path, bytes);
      if (thumbnail) writeFileSync(`${path}.thumb.webp`, thumbnail);
      served.set(f.file, { path, bytes, thumbnail, view });
    }
  });
  after(async () => {
    await t?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  test('ExifTool -ee3 finds no sensitive tag and nothing identifying in any served file or thumbnail', async () => {
    const files = [...served.values()].flatMap((s) =>
      s.thumbnail ? [s.path, `${s.path}.thumb.webp`] : [s.path],
    );
    const tags = new Map((await exiftool(files)).map((t) => [t.SourceFile as string, t]));
    const problems: string[] = [];
    for (const [name, s] of served) {
      const expected = corpus.find((f) => f.file === name) as CorpusFile;
      for (const path of s.thumbnail ? [s.path, `${s.path}.thumb.webp`] : [s.path]) {
        const found = tags.get(path) ?? {};
        for (const tag of expected.sensitive_tags ?? [])
          if (tag in found && !isZeroDate(tag, found[tag], expected))
            problems.push(`${name}: ${tag} = ${found[tag]}`);
        for (const [tag, value] of Object.entries(found)) {
          const [group, field = ''] = tag.split(':');
          if (TOOL_GROUPS.has(group) || !IDENTIFYING.test(field)) continue;
          if (!isZeroDate(tag, value, expected))
            problems.push(`${name}: ${tag} = ${String(value).slice(0, 60)}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  test('no forbidden byte string in a served file or thumbnail; no position in the item', () => {
    const problems: string[] = [];
    for (const [name, s] of served) {
      const expected = corpus.find((f) => f.file === name) as CorpusFile;
      for (const needle of expected.forbidden_strings ?? [])
        for (const [what, bytes] of [
          ['file', s.bytes],
          ['thumbnail', s.thumbnail],
        ] as const)
          if (bytes?.includes(Buffer.from(needle, 'latin1'))) problems.push(`${name} ${what}: "${needle}"`);
      if (s.view.location !== null) problems.push(`${name}: the item has a location without keep_location`);
    }
    assert.deepEqual(problems, []);
  });

  test('videos: only picture and sound tracks, no container tags, every frame decodes', async () => {
    const videos = [...served].filter(([name]) => /\.(mp4|mov)$/.test(name));
    assert.equal(videos.length, 4);
    for (const [name, s] of videos) {
      const probe = await ffprobe(s.path);
      const kinds = probe.streams.map((x) => x.codec_type).sort();
      assert.ok(kinds.includes('video'), `${name}: no video stream left`);
      assert.deepEqual(
        probe.streams
          .filter((x) => x.codec_type !== 'video' && x.codec_type !== 'audio')
          .map((x) => x.codec_tag_string),
        [],
        `${name}: extra tracks`,
      );
      const tags = { ...probe.format.tags, ...Object.assign({}, ...probe.streams.map((x) => x.tags ?? {})) };
      for (const k of ['creation_time', 'location', 'handler_name', 'encoder', 'firmware'])
        assert.equal(tags[k], undefined, `${name}: ffprobe still reports ${k}=${tags[k]}`);
      assert.equal(
        Object.keys(tags).filter((k) => k.startsWith('com.')).length,
        0,
        `${name}: ${Object.keys(tags)}`,
      );
      assert.equal(await decodeErrors(s.path), '', `${name} does not decode`);
    }
  });

  test('HEIC (no HEVC decoder here) and DJI .SRT sidecars are refused with a clear 415', async () => {
    for (const [file, reason] of [
      ['iphone-xsmax.heic', /HEIC/],
      ['dji-air2s.srt', /subtitle/],
      ['dji-mavic-pro.srt', /subtitle/],
    ] as const) {
      const r = await fetch(`${t.url}/v1/media`, {
        method: 'POST',
        headers: auth,
        body: readFileSync(join(MEDIA_DIR, file)),
      });
      const text = await r.text();
      assert.equal(r.status, 415, `${file}: ${text}`);
      assert.equal(errorShapeProblem(r.status, r.headers.get('content-type') ?? undefined, text), undefined);
      assert.match(JSON.parse(text).error.message, reason);
    }
  });
});

/** Container dates the corpus allows to stay as zero (QuickTime's mvhd/tkhd/mdhd). */
function isZeroDate(tag: string, value: unknown, expected: CorpusFile): boolean {
  const zero = String(value).startsWith('0000:00:00 00:00:00');
  return (
    zero &&
    (expected.zero_ok?.includes(tag) || /^(QuickTime|Track\d+):(Track|Media)?(Create|Modify)Date$/.test(tag))
  );
}
