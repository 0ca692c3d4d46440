import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coarsen, videoPosition } from './media-position.ts';

const metres = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  return Math.hypot(x, (b.lat - a.lat) * rad) * 6_371_008.8;
};

test('coarsen: a fixed ~1 km grid, never farther than 0.8 km, the same cell for nearby points', () => {
  let worst = 0;
  for (let i = 0; i < 20_000; i++) {
    // A deterministic spread over the globe, poles and the antimeridian included.
    const p = { lat: -89.99 + ((i * 7919) % 17998) / 100, lon: -180 + ((i * 104729) % 36000) / 100 };
    const c = coarsen(p);
    worst = Math.max(worst, metres(p, c));
    assert.ok(Math.abs(c.lat) <= 90 && Math.abs(c.lon) <= 180, JSON.stringify(c));
  }
  assert.ok(worst < 800, `worst ${worst.toFixed(0)} m`);
  const spot = { lat: 46.512345, lon: 6.632187 };
  assert.deepEqual(
    coarsen(spot),
    coarsen({ lat: 46.5121, lon: 6.6323 }),
    'many photos from one spot: one cell',
  );
  assert.notDeepEqual(coarsen(spot), spot);
});

test('video position: ISO 6709 text (©xyz, mdta) and a 3GPP loci box', () => {
  assert.deepEqual(videoPosition([Buffer.from('\0\x11\x15\xc7+51.4169-000.0806/')]), {
    lat: 51.4169,
    lon: -0.0806,
  });
  assert.deepEqual(videoPosition([Buffer.from('data+32.0929+034.8620+028.516/')]), {
    lat: 32.0929,
    lon: 34.862,
  });
  const loci = Buffer.alloc(40);
  loci.write('loci', 4, 'latin1');
  loci.write('Home', 14, 'latin1'); // after version/flags and language; NUL-terminated, then the role
  loci.writeInt32BE(Math.round(-118.2543 * 65536), 20);
  loci.writeInt32BE(Math.round(34.0754 * 65536), 24);
  const p = videoPosition([loci]);
  assert.ok(p && Math.abs(p.lat - 34.0754) < 1e-4 && Math.abs(p.lon + 118.2543) < 1e-4, JSON.stringify(p));
  assert.equal(videoPosition([Buffer.from('no position here +999.1+000.2')]), null);
});
