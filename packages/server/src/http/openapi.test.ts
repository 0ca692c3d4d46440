// /openapi.json is a valid OpenAPI 3.0 document (checked by @apidevtools/swagger-parser, which
// validates against the specification's own schema and its path-parameter rules), and what it
// declares is what the routes do.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

type Doc = {
  paths: Record<
    string,
    Record<string, { parameters?: Array<{ name: string; in: string; required?: boolean }> }>
  >;
};

describe('/openapi.json', () => {
  let t: TestServer;
  let doc: Doc;
  before(async () => {
    t = await startTestServer({ env: { AIRLOCK_ADMIN_TOKEN: 'operator-token-0123456789' } });
    doc = (await (await fetch(`${t.url}/openapi.json`)).json()) as Doc;
  });
  after(() => t.close());

  test('is valid OpenAPI, for every route the server has', async () => {
    assert.ok(Object.keys(doc.paths).length >= 20, 'accounts, flight logs and telemetry are in it');
    await SwaggerParser.validate(structuredClone(doc) as never);
    // The validator does catch the defect this document had.
    const broken = structuredClone(doc);
    const x = broken.paths['/v1/zones/tiles/{z}/{x}/{y}'].get.parameters?.find((p) => p.name === 'x');
    assert.ok(x);
    x.required = false;
    await assert.rejects(SwaggerParser.validate(broken as never));
  });

  test('parameters the routes need are declared required, and those declared optional are', async () => {
    const near = doc.paths['/v1/location/near'].get.parameters ?? [];
    for (const name of ['lon', 'lat', 'radius_m'])
      assert.equal(near.find((p) => p.name === name)?.required, true, name);
    const without = await fetch(`${t.url}/v1/location/near?lon=6.9&lat=46.4`);
    assert.equal(without.status, 400);
    assert.match(await without.text(), /radius_m/);
    assert.equal((await fetch(`${t.url}/v1/location/near?lon=6.9&lat=46.4&radius_m=1000`)).status, 200);

    // Every optional query parameter may really be left out: no 400 naming it.
    for (const [path, methods] of Object.entries(doc.paths)) {
      const op = methods.get;
      if (!op || path.includes('{')) continue;
      const required = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required);
      if (required.length > 0) continue;
      const res = await fetch(`${t.url}${path}`, {
        headers: { authorization: 'Bearer operator-token-0123456789' },
      });
      assert.notEqual(res.status, 400, `${path} without its optional parameters: ${await res.text()}`);
    }
  });
});
