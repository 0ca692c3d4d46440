import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createIpCountryLookup } from './index.ts';

// Registrations chosen for stability (checked in the installed CSVs): Google, Quad9, RIPE NCC,
// SWITCH (the Swiss research network).
const KNOWN: [string, string][] = [
  ['8.8.8.8', 'US'],
  ['9.9.9.9', 'US'],
  ['193.0.6.139', 'NL'],
  ['130.59.31.80', 'CH'],
  ['2001:4860:4860::8888', 'US'],
  ['2001:620::1', 'CH'],
  ['2001:67c:2e8:22::c100:68b', 'NL'],
];

test('loads once, fast and quietly, and shares the tables', async () => {
  const t = performance.now();
  const a = await createIpCountryLookup();
  const loadMs = performance.now() - t;
  // ~1-2 s of parsing in a worker thread (plus its start); more when the machine is busy.
  assert.ok(loadMs < 6_000, `load took ${loadMs.toFixed(0)} ms`);
  const t2 = performance.now();
  const b = await createIpCountryLookup();
  assert.ok(performance.now() - t2 < 50, 'second call reuses the loaded tables');
  assert.deepEqual(a.segments, b.segments);
  assert.ok(a.segments.ipv4 > 100_000 && a.segments.ipv6 > 100_000);
  assert.match(a.attribution, /nro\.net/);
});

test('well-known public addresses', async () => {
  const { lookup } = await createIpCountryLookup();
  for (const [ip, country] of KNOWN) assert.equal(lookup(ip), country, ip);
});

test('IPv4-mapped IPv6 answers like IPv4', async () => {
  const { lookup } = await createIpCountryLookup();
  assert.equal(lookup('::ffff:8.8.8.8'), 'US');
  assert.equal(lookup('::FFFF:130.59.31.80'), 'CH');
  assert.equal(lookup('::ffff:192.168.0.1'), null);
});

test('a more specific row inside a wider one wins', async () => {
  const { lookup } = await createIpCountryLookup();
  // 2.58.196.0–2.58.197.255 is DE with 2.58.197.15 alone registered BE.
  assert.equal(lookup('2.58.197.14'), 'DE');
  assert.equal(lookup('2.58.197.15'), 'BE');
  assert.equal(lookup('2.58.197.16'), 'DE');
});

test('loopback, private, link-local, documentation and reserved give null', async () => {
  const { lookup } = await createIpCountryLookup();
  for (const ip of [
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    '169.254.1.1',
    '0.0.0.0',
    '192.0.2.1',
    '198.51.100.7',
    '203.0.113.9',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fe80::1',
    'fe80::1%eth0',
    'fd00::1',
    'ff02::1',
    '2001:db8::1',
  ]) {
    assert.equal(lookup(ip), null, ip);
  }
  assert.equal(lookup('172.32.0.1') === null, false, '172.32/16 is public');
});

test('malformed input gives null and never throws', async () => {
  const { lookup } = await createIpCountryLookup();
  const bad: unknown[] = [
    '',
    'garbage',
    '8.8.8',
    '8.8.8.8.8',
    '256.1.1.1',
    '08.8.8.8',
    ' 8.8.8.8',
    '8.8.8.8\n',
    '[2001:620::1]',
    '2001:620::1::1',
    '1'.repeat(10_000),
    '37405967',
    null,
    undefined,
    42,
    {},
  ];
  for (const ip of bad) assert.equal(lookup(ip as string), null, String(ip).slice(0, 20));
});
