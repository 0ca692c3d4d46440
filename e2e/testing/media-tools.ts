// The independent readers the media tests judge served files with: ExifTool (Debian
// libimage-exiftool-perl) and FFmpeg's ffprobe/ffmpeg. Test tools only; the product uses neither.
// They run asynchronously: the server under test shares the event loop, and a blocked loop makes its
// keep-alive timer and the client's next request on that socket meet (ECONNRESET).
import { execFile, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const MEDIA_DIR = new URL('../../../shared/data/media/', import.meta.url).pathname;

/** One corpus file as expected-sensitive.json describes it. */
export interface CorpusFile {
  file: string;
  expect: string;
  format: string;
  sensitive_tags?: string[];
  zero_ok?: string[];
  forbidden_strings?: string[];
  extra_tracks?: Array<{ index: number; codec_tag: string }>;
  reference_position?: { lat: number; lon: number } | null;
}

export function readCorpus(): CorpusFile[] {
  return JSON.parse(readFileSync(join(MEDIA_DIR, 'expected-sensitive.json'), 'utf8')).files;
}

/** `exiftool -a -G1 -ee3 -json` of several files in one run: tags per file, as "Group:Tag" → value. */
const run = promisify(execFile);

export async function exiftool(paths: string[]): Promise<Array<Record<string, unknown>>> {
  const { stdout } = await run('exiftool', ['-a', '-G1', '-ee3', '-json', ...paths], {
    maxBuffer: 64 * 2 ** 20,
  });
  return JSON.parse(stdout);
}

export interface Stream {
  index: number;
  codec_type: string;
  codec_tag_string: string;
  tags?: Record<string, string>;
}

export async function ffprobe(
  path: string,
): Promise<{ streams: Stream[]; format: { tags?: Record<string, string> } }> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_format',
    '-show_streams',
    '-of',
    'json',
    path,
  ]);
  return JSON.parse(stdout);
}

/** Decodes every frame; resolves to FFmpeg's failure (empty when every frame decodes). */
export async function decodeErrors(path: string): Promise<string> {
  try {
    await run('ffmpeg', ['-v', 'error', '-i', path, '-f', 'null', '-']);
    return '';
  } catch (e) {
    return (e as { stderr?: string }).stderr || (e as Error).message;
  }
}

/** Whether the tools are installed (CI installs them in .ci/run). */
export function haveMediaTools(): boolean {
  return ['exiftool', 'ffprobe', 'ffmpeg'].every(
    (t) => spawnSync(t, ['-ver'], { stdio: 'ignore' }).error === undefined,
  );
}

/** Every file under `root` whose bytes contain one of the needles, with the needle's label. */
export function filesContaining(root: string, needles: Array<[string, Buffer]>): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const bytes = readFileSync(p);
        for (const [label, needle] of needles) if (bytes.includes(needle)) found.push(`${p}: ${label}`);
      }
    }
  };
  walk(root);
  return found;
}
