import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testZone } from '../testing/index.ts';
import {
  applyDelta,
  diffPacks,
  encodePayload,
  importVerifyKey,
  makePack,
  openSealed,
  parsePackId,
  readPayload,
  sealPayload,
  signingKeyId,
  tilePackId,
  ZonePackError,
} from './index.ts';

const HEAD = {
  id: 'tile-N45E005',
  built: '2026-05-01T00:00:00.000Z',
  datasets: { test: 'v1' },
  cover: [[5, 45, 10, 50]] as [number, number, number, number][],
  countries: ['CH'],
};
const circle = (lon: number, r: number) => ({
  type: 'Circle' as const,
  center: [lon, 46.5] as [number, number],
  radius_m: r,
});

async function keyPair() {
  const pair = (await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, raw, keyId: await signingKeyId(raw) };
}

test('pack ids: tiles by their south-west corner, countries, the world; anything else is refused', () => {
  assert.equal(tilePackId(6.63, 46.51), 'tile-N45E005');
  assert.equal(tilePackId(-0.1, -0.1), 'tile-S05W005');
  assert.equal(tilePackId(180, 90), 'tile-N85E175');
  assert.deepEqual(parsePackId('tile-S05W005'), { kind: 'tile', west: -5, south: -5 });
  assert.deepEqual(parsePackId('country-CH'), { kind: 'country', country: 'CH' });
  for (const bad of ['tile-N46E005', 'tile-N90E000', 'tile-N45E180', 'country-ch', 'worlds', '']) {
    assert.equal(parsePackId(bad), null, bad);
  }
});

test('a sealed pack opens with its key; one altered byte anywhere, or another key, is refused', async () => {
  const k = await keyPair();
  const pack = await makePack(HEAD, [testZone('b', circle(6.6, 900)), testZone('a', circle(6.7, 500))]);
  assert.deepEqual(
    pack.zones.map((z) => z.id),
    ['a', 'b'],
  );
  const sealed = await sealPayload(encodePayload(pack), k.keyId, k.privateKey);
  const trusted = await importVerifyKey(k.raw);
  const { value, skipped } = readPayload(await openSealed(sealed, trusted));
  assert.equal(skipped, 0);
  assert.deepEqual(value, pack);
  // A relay or cache changing a radius, the version, the key id or the signature: all refused.
  const text = new TextDecoder().decode(sealed);
  for (const at of [
    5,
    20,
    sealed.length - 3,
    text.indexOf('"radius_m":900') + 12,
    text.indexOf('"version"') + 12,
  ]) {
    const altered = sealed.slice();
    altered[at] ^= 0x01;
    await assert.rejects(openSealed(altered, trusted), ZonePackError, `byte ${at}`);
  }
  const other = await keyPair();
  await assert.rejects(openSealed(sealed, await importVerifyKey(other.raw)), /not by the trusted key/);
  const forged = await sealPayload(encodePayload(pack), k.keyId, other.privateKey);
  await assert.rejects(openSealed(forged, trusted), /altered/);
});

test('a delta applied to the old pack is the new pack, byte for byte; a temporary restriction is a small delta', async () => {
  const zones = Array.from({ length: 200 }, (_, i) => testZone(`z${i}`, circle(5 + i / 50, 1000 + i)));
  const old = await makePack(HEAD, zones);
  const tfr = testZone('tfr-1', circle(6.1, 3000), {
    category: 'temporary',
    applicability: [{ permanent: false, start: '2026-05-02T08:00:00Z', end: '2026-05-02T18:00:00Z' }],
  });
  const moved = { ...zones[7], name: 'renamed' };
  const next = await makePack({ ...HEAD, built: '2026-05-02T00:00:00.000Z', datasets: { test: 'v2' } }, [
    ...zones.filter((_, i) => i !== 3 && i !== 7),
    moved,
    tfr,
  ]);
  const delta = diffPacks(old, next);
  assert.deepEqual(
    delta.added.map((z) => z.id),
    ['tfr-1'],
  );
  assert.deepEqual(
    delta.changed.map((z) => z.id),
    ['z7'],
  );
  assert.deepEqual(delta.removed, [['test', 'z3']]);
  const applied = applyDelta(old, delta);
  assert.deepEqual(encodePayload(applied), encodePayload(next));
  assert.ok(
    encodePayload(delta).length * 20 < encodePayload(next).length,
    'the delta is a small part of the pack',
  );
  assert.throws(() => applyDelta(next, delta), /not from/);
});

test('compact zones: shared dataset fields once, messages shared, own or absent, properties left out', async () => {
  const note = 'Advisory only.';
  const zones = [
    testZone('a', circle(6.1, 100), { message: note, properties: { ident: 'LSGL' } }),
    testZone('b', circle(6.2, 100), { message: note }),
    testZone('c', circle(6.3, 100), { message: 'its own' }),
    testZone('d', circle(6.4, 100)),
    testZone('e', circle(6.5, 100), { dataset: 'other', licence: 'CC-BY' }),
    // Rings exact at 1e-7° go as integer steps; one that is not (a computed vertex) goes as it is.
    testZone('f', {
      type: 'Polygon',
      coordinates: [
        [
          [6.1, 46.1],
          [6.2, 46.1],
          [6.2, 46.2],
          [6.1, 46.1],
        ],
      ],
    }),
    testZone('g', {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [-116.866804, 35.35014],
            [-116.863503, 35.353458],
            [-116.861621, 35.357446],
            [-116.866804, 35.35014],
          ],
        ],
        [
          [
            [6.123456789012, 46.1],
            [6.2, 46.1],
            [6.2, 46.2],
            [6.123456789012, 46.1],
          ],
        ],
      ],
    }),
  ];
  const pack = await makePack(HEAD, zones);
  assert.equal(pack.zones[0].properties, undefined);
  const k = await keyPair();
  const sealed = await sealPayload(encodePayload(pack), k.keyId, k.privateKey);
  const doc = (await openSealed(sealed, await importVerifyKey(k.raw))) as {
    sets: unknown[];
    zones: { volumes: { geometry: { coordinates?: unknown[] } }[] }[];
  };
  assert.equal(doc.sets.length, 2);
  assert.deepEqual(doc.zones[5].volumes[0].geometry.coordinates, [
    [61_000_000, 461_000_000, 1_000_000, 0, 0, 1_000_000],
  ]);
  assert.deepEqual(readPayload(doc).value, pack);
});
