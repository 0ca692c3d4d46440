import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTransport } from './create-transport.ts';
import type { FetchLike } from './types.ts';

test('relayUrl without the OHTTP module refuses relayed categories: nothing is sent direct instead', async () => {
  const urls: string[] = [];
  const fetch: FetchLike = async (url) => {
    urls.push(url);
    return { status: 200, headers: { get: () => null }, text: async () => '{}' };
  };
  const transport = createTransport({
    serverUrl: 'https://airlock.example',
    relayUrl: 'https://relay.example/',
    fetch,
  });
  const check = await transport.send({
    category: 'location_check',
    method: 'GET',
    path: '/v1/location/cells/1.1',
  });
  assert.equal(check.vetoed, true);
  assert.match(check.error ?? '', /@airlock\/sdk\/relay/);
  // Flight logs never go through a relay (they carry the pilot's token): direct, as before.
  const sync = await transport.send({
    category: 'flight_logs',
    method: 'GET',
    path: '/v1/flightlogs',
    userAction: true,
  });
  assert.equal(sync.ok, true);
  assert.deepEqual(urls, ['https://airlock.example/v1/flightlogs']);
});
