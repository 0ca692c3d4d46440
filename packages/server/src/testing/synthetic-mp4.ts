/**
 * Test-only: a small MP4 built box by box, with what cameras and drones leave in theirs: a GPS data
 * track interleaved with the video chunks, udta ©xyz, mdta keys, a top-level XMP uuid box, creation
 * times, handler and compressor names, an ICC colr and a uuid inside the sample entry. Its picture
 * samples are not real H.264 (the strip never decodes them); the real files are e2e/media's.
 */

/** Strings the stripped file must not contain. */
export const SYNTHETIC_SECRETS = [
  '+46.5123+006.6321',
  'SN-0042-SECRET',
  'GPS 46.512345 6.632187',
  'DJI FC3582',
  'XMP-PILOT',
];

export interface SyntheticMp4 {
  bytes: Buffer;
  /** [offset, size] of every video chunk, the bytes that must stay where they are. */
  videoChunks: Array<[number, number]>;
}

const box = (type: string, ...parts: Buffer[]) => {
  const size = 8 + parts.reduce((n, p) => n + p.length, 0);
  const h = Buffer.alloc(8);
  h.writeUInt32BE(size);
  h.write(type, 4, 'latin1');
  return Buffer.concat([h, ...parts]);
};
const full = (type: string, version: number, ...parts: Buffer[]) =>
  box(type, Buffer.from([version, 0, 0, 0]), ...parts);
const u32 = (...values: number[]) =>
  Buffer.concat(
    values.map((v) => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(v);
      return b;
    }),
  );
const TIME = 3_800_000_000; // 2024, in seconds since 1904

function trak(
  id: number,
  handler: string,
  name: string,
  entry: Buffer,
  offsets: number[],
  sizes: number[],
): Buffer {
  const tkhd = full('tkhd', 0, u32(TIME, TIME, id, 0, 1000), Buffer.alloc(52), u32(1920 << 16, 1080 << 16));
  const mdhd = full('mdhd', 0, u32(TIME, TIME, 1000, 1000), Buffer.from([0x55, 0xc4, 0, 0]));
  const hdlr = full(
    'hdlr',
    0,
    u32(0),
    Buffer.from(handler, 'latin1'),
    Buffer.alloc(12),
    Buffer.from(`${name}\0`),
  );
  const stbl = box(
    'stbl',
    full('stsd', 0, u32(1), entry),
    full('stts', 0, u32(1, sizes.length, 100)),
    full('stsc', 0, u32(1, 1, 1, 1)),
    full('stsz', 0, u32(0, sizes.length, ...sizes)),
    full('stco', 0, u32(offsets.length, ...offsets)),
  );
  const dinf = box('dinf', full('dref', 0, u32(1), full('alis', 0, Buffer.from('/Volumes/PILOT-SD/DCIM\0'))));
  const media = box(
    'minf',
    full(handler === 'vide' ? 'vmhd' : 'nmhd', 0, Buffer.alloc(handler === 'vide' ? 8 : 0)),
    dinf,
    stbl,
  );
  return box('trak', tkhd, box('udta', box('name', Buffer.from(name))), box('mdia', mdhd, hdlr, media));
}

function avc1(): Buffer {
  const fixed = Buffer.alloc(78);
  fixed.writeUInt16BE(1, 6); // data reference index
  fixed.write('appl', 12, 'latin1'); // QuickTime vendor
  fixed.writeUInt16BE(1920, 24);
  fixed.writeUInt16BE(1080, 26);
  fixed.write('\x0aDJI FC3582', 42, 'latin1'); // compressor name
  fixed.writeInt16BE(-1, 76);
  return box(
    'avc1',
    fixed,
    box('avcC', Buffer.from([1, 0x64, 0, 0x28, 0xff, 0xe0, 0])),
    box('colr', Buffer.from('prof'), Buffer.from('ICC SN-0042-SECRET')),
    box('uuid', Buffer.alloc(16, 7), Buffer.from('XMP-PILOT')),
  );
}

/** The file, with its movie header first (`moovFirst`) or after the media data, as cameras write it. */
export function syntheticMp4(options: { moovFirst?: boolean } = {}): SyntheticMp4 {
  const ftyp = box('ftyp', Buffer.from('isom'), u32(512), Buffer.from('isomavc1mp41'));
  const xmp = box(
    'uuid',
    Buffer.alloc(16, 0xbe),
    Buffer.from('<x:xmpmeta>XMP-PILOT SN-0042-SECRET</x:xmpmeta>'),
  );
  const video = [Buffer.alloc(3000, 0x11), Buffer.alloc(2000, 0x22), Buffer.alloc(2500, 0x33)];
  const gps = [0, 1, 2].map((i) => Buffer.from(`GPS 46.512345 6.632187 #${i}`));
  const build = (mdatAt: number) => {
    const videoChunks: Array<[number, number]> = [];
    const gpsOffsets: number[] = [];
    let at = mdatAt + 8;
    for (let i = 0; i < 3; i++) {
      videoChunks.push([at, video[i].length]);
      at += video[i].length;
      gpsOffsets.push(at);
      at += gps[i].length;
    }
    const mdat = box('mdat', ...video.flatMap((v, i) => [v, gps[i]]));
    const udta = box(
      'udta',
      box('\xa9xyz', Buffer.from([0, 17, 0x15, 0xc7]), Buffer.from('+46.5123+006.6321/')),
    );
    const meta = full(
      'meta',
      0,
      full('keys', 0, u32(1), box('mdta', Buffer.from('com.apple.quicktime.make'))),
      box('ilst', box('\0\0\0\x01', box('data', u32(1, 0), Buffer.from('DJI FC3582')))),
    );
    const moov = box(
      'moov',
      full('mvhd', 0, u32(TIME, TIME, 1000, 300), Buffer.alloc(80)),
      trak(
        1,
        'vide',
        'DJI.AVC',
        avc1(),
        videoChunks.map(([o]) => o),
        video.map((v) => v.length),
      ),
      trak(
        2,
        'meta',
        'DJI.Meta',
        box('gpmd', Buffer.alloc(8)),
        gpsOffsets,
        gps.map((g) => g.length),
      ),
      udta,
      meta,
    );
    return { mdat, moov, videoChunks };
  };
  if (options.moovFirst) {
    const probe = build(0);
    const { mdat, moov, videoChunks } = build(ftyp.length + xmp.length + probe.moov.length);
    return { bytes: Buffer.concat([ftyp, xmp, moov, mdat]), videoChunks };
  }
  const { mdat, moov, videoChunks } = build(ftyp.length + xmp.length);
  return { bytes: Buffer.concat([ftyp, xmp, mdat, moov]), videoChunks };
}
