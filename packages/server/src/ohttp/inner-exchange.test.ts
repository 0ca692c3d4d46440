import assert from 'node:assert/strict';
import { test } from 'node:test';
import { innerRequest } from './inner-exchange.ts';
import { isAllowedInner } from './inner-routes.ts';

test('the inner request carries only the fields the routes read: nothing that names the client', () => {
  const req = innerRequest({
    method: 'POST',
    scheme: 'https',
    authority: 'attacker.example',
    path: '/v1/telemetry/app_performance',
    headers: [
      ['content-type', 'application/json'],
      ['x-forwarded-for', '203.0.113.9'],
      ['forwarded', 'for=203.0.113.9'],
      ['cookie', 'session=1'],
      ['authorization', 'Bearer t'],
      ['user-agent', 'DroneFly/2.4.1'],
      ['host', 'attacker.example'],
      ['date', 'Wed, 27 Jan 2021 04:45:00 GMT'],
    ],
    content: new TextEncoder().encode('{}'),
    trailers: [['x-forwarded-for', '203.0.113.9']],
  });
  const names: string[] = [];
  req.headers.forEach((_, name) => {
    names.push(name);
  });
  assert.deepEqual(names, ['content-type']);
  assert.equal(new URL(req.url).host, 'ohttp.gateway.invalid');
});

test('the allow-list: location checks, tiles, telemetry; nothing else, no tricks in the path', () => {
  const yes = [
    ['GET', '/v1/location/cells/687.1041'],
    ['GET', '/v1/location/near?lon=6.9&lat=46.4&radius_m=15000'],
    ['GET', '/v1/zones/tiles/8/133/89'],
    ['POST', '/v1/telemetry/app_performance'],
    ['POST', '/v1/telemetry/user_experience'],
  ];
  const no = [
    ['POST', '/v1/location/cells/687.1041'],
    ['GET', '/v1/location/cells/687.1041/../../../v1/datasets'],
    ['GET', '/v1/location/cells/687.1041?x=1'],
    ['GET', '/v1/location/country'],
    ['GET', '/v1/location/cells/..'],
    ['GET', '/v1/location/cells/.'],
    ['GET', '/v1/location/cells/%2e%2e'],
    ['GET', '/v1/zones/tiles/8/133/89/x'],
    ['GET', '/v1/telemetry/app_performance'],
    ['POST', '/v1/telemetry/app_performance?x'],
    ['GET', '/v1/admin/stats/telemetry'],
    ['POST', '/.well-known/ohttp'],
    ['GET', '/v1/flightlogs'],
  ];
  for (const [m, p] of yes) assert.equal(isAllowedInner(m, p), true, `${m} ${p}`);
  for (const [m, p] of no) assert.equal(isAllowedInner(m, p), false, `${m} ${p}`);
});
