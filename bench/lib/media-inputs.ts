/**
 * Inputs for bench/media-strip.ts, made with FFmpeg (and ExifTool for a drone photo's tags): a 24 MP
 * JPEG carrying GPS, make, model, serial and capture time (upright, and the same with EXIF orientation
 * 6), and a 4K 60 s H.264 MP4 with AAC sound, a DJI-style GPS subtitle track, udta and mdta location,
 * make and model, and creation times.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PHOTO_TAGS = [
  '-GPSLatitude=46.512345',
  '-GPSLatitudeRef=N',
  '-GPSLongitude=6.632187',
  '-GPSLongitudeRef=E',
  '-GPSAltitude=512',
  '-Make=DJI',
  '-Model=FC3582',
  '-SerialNumber=53HQK520M10K6U',
  '-DateTimeOriginal=2025:06:01 10:00:00',
  '-XMP-dc:Creator=Bench Pilot',
];
export const FORBIDDEN = ['53HQK520M10K6U', '2025:06:01 10:00:00', '+46.5123+006.6321', 'FC3582', '46.512'];

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });

/** Whether FFmpeg and ExifTool are installed (Debian: ffmpeg, libimage-exiftool-perl). */
export function haveTools(): boolean {
  try {
    run('ffmpeg', ['-version']);
    run('exiftool', ['-ver']);
    return true;
  } catch {
    return false;
  }
}

/** 6000×4000 with film-like noise (so it compresses like a photo, ~10 MB), tagged by ExifTool. */
export function makePhotos(dir: string): { upright: string; rotated: string } {
  const upright = join(dir, 'photo-upright.jpg');
  const rotated = join(dir, 'photo-rotated.jpg');
  run(
    'ffmpeg',
    ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=6000x4000:rate=1,noise=alls=10:allf=t'].concat([
      '-frames:v',
      '1',
      '-q:v',
      '2',
      upright,
    ]),
  );
  run('exiftool', ['-q', '-overwrite_original', ...PHOTO_TAGS, upright]);
  run('exiftool', ['-q', '-o', rotated, '-Orientation=6', '-n', upright]);
  return { upright, rotated };
}

/**
 * 2 s of 4K/30 noisy test pattern encoded once (x264 ultrafast, ~120 Mb/s, a drone's rate), repeated
 * without re-encoding to 60 s, muxed with AAC, a GPS subtitle track and metadata.
 */
export function makeVideo(dir: string): string {
  const seg = join(dir, 'seg.mp4');
  const srt = join(dir, 'gps.srt');
  const out = join(dir, 'video-4k-60s.mp4');
  const time = (s: number) =>
    `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')},000`;
  const cues = Array.from({ length: 60 }, (_, i) => {
    const lat = (46.512345 + i * 1e-4).toFixed(6);
    const lon = (6.632187 + i * 1e-4).toFixed(6);
    return `${i + 1}\n${time(i)} --> ${time(i + 1)}\nF/2.8, SS 1000, ISO 100, GPS (${lon}, ${lat}, 18), H 45.6m, HS 3.2m/s\n`;
  });
  writeFileSync(srt, cues.join('\n'));
  run(
    'ffmpeg',
    ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=3840x2160:rate=30,noise=alls=12:allf=t']
      .concat([
        '-frames:v',
        '60',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-b:v',
        '100M',
        '-maxrate',
        '100M',
      ])
      .concat(['-bufsize', '100M', '-g', '30', '-pix_fmt', 'yuv420p', seg]),
  );
  run(
    'ffmpeg',
    ['-v', 'error', '-y', '-stream_loop', '29', '-i', seg, '-f', 'lavfi', '-i']
      .concat(['sine=frequency=440:sample_rate=48000:duration=60', '-i', srt])
      .concat([
        '-map',
        '0:v',
        '-map',
        '1:a',
        '-map',
        '2:s',
        '-c:v',
        'copy',
        '-c:a',
        'aac',
        '-c:s',
        'mov_text',
        '-t',
        '60',
      ])
      .concat(['-metadata', 'location=+46.5123+006.6321/', '-metadata', 'creation_time=2025-06-01T10:00:00Z'])
      .concat(['-metadata', 'make=DJI', '-metadata', 'model=FC3582', '-movflags', 'use_metadata_tags', out]),
  );
  return out;
}
