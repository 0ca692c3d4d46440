// The authorization matrix, generated from /openapi.json: every pilot operation (security
// pilotSession) × {another pilot, anonymous, forged token, forged cookie, tampered token, expired
// session, revoked session}, aimed at the owner's own log and upload with her real password in the
// body, and every operator operation × {no token, wrong tokens, a pilot's session, the token in a
// cookie, Basic}. Each cell is refused in the JSON shape (or, for another pilot on a route without a
// resource id, answered about that pilot alone); afterwards the owner's data reads back unchanged.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../packages/server/src/testing/test-server.ts';
import { FLIGHT_START, tinyGpx } from '../testing/attack-fixtures.ts';
import { type AttackAnswer, attackClient } from '../testing/attack-http.ts';
import { errorShapeProblem } from '../testing/error-shape.ts';
import { scanLogLines } from '../testing/log-scan.ts';
import { fillPath, type Operation, readOperations, validValue } from '../testing/openapi-operations.ts';

const ADMIN_TOKEN = 'authz-operator-token-0f9e8d7c6b5a';
const ALICE = { email: 'alice-authz@example.org', password: 'alice has a long pass phrase here' };
const BOB = { email: 'bob-authz@example.org', password: 'bob has another long pass phrase' };
const NEW_PASSWORD = 'a brand new pass phrase nobody should set';
const OPENAIR = [
  'AC R',
  'AN AUTHZ PROBE',
  'AL GND',
  'AH 1000ft AMSL',
  'DP 46:30:00 N 006:30:00 E',
  'DP 46:31:00 N 006:30:00 E',
  'DP 46:31:00 N 006:31:00 E',
  '',
].join('\n');
const GPX = tinyGpx(40);

/**
 * tus operations on an upload URL (HEAD, PATCH, DELETE): the server answers them (app.all) but
 * /openapi.json documents only the creation, so they are added here from the protocol.
 */
const TUS_ON_UPLOAD: Operation[] = ['HEAD', 'PATCH', 'DELETE'].map((method) => ({
  id: `${method} /v1/flightlogs/uploads/{uploadId} (tus, not in /openapi.json)`,
  method,
  path: '/v1/flightlogs/uploads/{uploadId}',
  params: [{ name: 'uploadId', in: 'path', required: true, schema: { type: 'string' } }],
  caller: 'pilot',
}));

type Session = { id: string; token: string; auth: Record<string, string> };

describe('authorization matrix over every pilot and operator operation', () => {
  let t: TestServer;
  let send: ReturnType<typeof attackClient>['send'];
  let close: () => void;
  let operations: Operation[];
  let alice: Session;
  let aliceLog = '';
  let aliceUpload = '';
  let before_: { me: string; log: string; list: string; uploadOffset: string; datasets: string };
  const tokens: string[] = [];
  const cells: Array<{ op: string; who: string; status: number; verdict: 'refused' | 'scoped' }> = [];

  const signIn = async (who: { email: string; password: string }): Promise<Session> => {
    const r = await fetch(`${t.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(who),
    });
    assert.equal(r.status, 200, `sign-in ${r.status}`);
    const b = (await r.json()) as { token: string; pilot: { id: string } };
    tokens.push(b.token);
    return { id: b.pilot.id, token: b.token, auth: { authorization: `Bearer ${b.token}` } };
  };
  const read = async (path: string, auth: Record<string, string>) => {
    const r = await fetch(`${t.url}${path}`, { headers: auth });
    return `${r.status} ${Buffer.from(await r.arrayBuffer()).toString('base64')}`;
  };
  const uploadOffset = async (auth: Record<string, string>) => {
    const r = await fetch(`${t.url}${aliceUpload}`, {
      method: 'HEAD',
      headers: { ...auth, 'tus-resumable': '1.0.0' },
    });
    return `${r.status} ${r.headers.get('upload-offset')}`;
  };
  const snapshot = async (auth: Record<string, string>) => ({
    me: await read('/v1/accounts/me', auth),
    log: await read(`/v1/flightlogs/${aliceLog}`, auth),
    list: await read('/v1/flightlogs', auth),
    uploadOffset: await uploadOffset(auth),
    datasets: await read('/v1/datasets', {}),
  });

  before(async () => {
    t = await startTestServer({
      env: {
        AIRLOCK_ADMIN_TOKEN: ADMIN_TOKEN,
        // Every cell signs in afresh from one client: the per-client and per-address limits would
        // answer 429 and hide what the cell is about.
        AIRLOCK_SIGNIN_PER_CLIENT: '1000000',
        AIRLOCK_SIGNUP_PER_CLIENT: '1000000',
        AIRLOCK_SIGNIN_MAX_ATTEMPTS: '1000',
      },
    });
    ({ operations } = await readOperations(t.url));
    const a = await t.pilot(ALICE.email, ALICE.password);
    await t.pilot(BOB.email, BOB.password);
    alice = { id: a.id, token: a.token, auth: a.auth };
    tokens.push(a.token);
    const imported = await fetch(`${t.url}/v1/flightlogs?filename=alice.gpx`, {
      method: 'POST',
      headers: alice.auth,
      body: new Uint8Array(GPX),
    });
    assert.equal(imported.status, 201);
    aliceLog = ((await imported.json()) as { flightlog: { id: string } }).flightlog.id;
    // An unfinished upload of hers, half sent: its offset must not move.
    const other = tinyGpx(60);
    const up = await fetch(`${t.url}/v1/flightlogs/uploads`, {
      method: 'POST',
      headers: {
        ...alice.auth,
        'tus-resumable': '1.0.0',
        'upload-length': String(other.length),
        'upload-metadata': `sha256 ${Buffer.from(createHash('sha256').update(other).digest('hex')).toString('base64')}`,
        'content-type': 'application/offset+octet-stream',
      },
      body: new Uint8Array(other.subarray(0, 100)),
    });
    assert.equal(up.status, 201, await up.text());
    aliceUpload = new URL(up.headers.get('location')!, t.url).pathname;
    await t.services.airspace.importDataset({
      id: 'authz-existing',
      files: [{ name: 'a.txt', text: OPENAIR }],
    });
    before_ = await snapshot(alice.auth);
    assert.match(before_.log, /^200 /, 'her log reads');
    assert.equal(before_.uploadOffset, '200 100', 'her upload holds 100 bytes');
    ({ send, close } = attackClient(t.url, 15_000, 4));
  });
  after(async () => {
    close?.();
    await t?.close();
  });

  /** A request alice (or the operator) would make, with her real ids and password. */
  function requestFor(op: Operation, auth: Record<string, string>) {
    const values: Record<string, string> = {};
    for (const p of op.params.filter((x) => x.in === 'path'))
      values[p.name] =
        p.name === 'uploadId'
          ? aliceUpload.split('/').pop()!
          : op.caller === 'operator'
            ? 'authz-existing'
            : aliceLog;
    // `with` names a second log of the caller (the parameter diff): hers, as the path's id is.
    const query = op.params
      .filter((p) => p.in === 'query' && p.required)
      .map(
        (p) =>
          `${p.name}=${encodeURIComponent(p.name === 'with' && op.caller === 'pilot' ? aliceLog : String(validValue(p.schema)))}`,
      );
    const headers: Record<string, string> = { ...auth };
    let body: Buffer | undefined;
    if (op.jsonBody) {
      headers['content-type'] = 'application/json';
      body = Buffer.from(
        JSON.stringify(
          validValue(op.jsonBody.schema, {
            email: ALICE.email,
            password: ALICE.password,
            current_password: ALICE.password,
            new_password: NEW_PASSWORD,
          }),
        ),
      );
    } else if (op.path.includes('/uploads')) {
      Object.assign(headers, {
        'tus-resumable': '1.0.0',
        'upload-length': String(GPX.length),
        'upload-offset': '100',
        'upload-metadata': `sha256 ${Buffer.from(createHash('sha256').update(GPX).digest('hex')).toString('base64')}`,
        'content-type': 'application/offset+octet-stream',
      });
      if (op.method !== 'HEAD' && op.method !== 'DELETE') body = GPX.subarray(0, 50);
    } else if (op.method === 'PUT' || op.method === 'POST') {
      body = op.caller === 'operator' ? Buffer.from(OPENAIR) : GPX;
    }
    const target = fillPath(op, values) + (query.length ? `?${query.join('&')}` : '');
    return { method: op.method, target, headers, body };
  }

  /** What is wrong with a refusal, or undefined. HEAD answers carry no body to check. */
  function refusalProblem(op: Operation, a: AttackAnswer): string | undefined {
    if (![401, 403, 404].includes(a.status))
      return `answered ${a.status}: ${a.body.toString().slice(0, 160)}`;
    if (op.method === 'HEAD') return undefined;
    return errorShapeProblem(a.status, a.headers['content-type'] as string, a.body.toString());
  }

  /** Alice's identifiers: none may appear in an answer to someone else. */
  const aliceMarks = () => [ALICE.email, alice.id, aliceLog, aliceUpload.split('/').pop()!];

  test('every pilot operation × another pilot, anonymous, forged, tampered, expired, revoked: refused', {
    timeout: 120_000,
  }, async () => {
    const pilotOps = [...operations.filter((o) => o.caller === 'pilot'), ...TUS_ON_UPLOAD];
    assert.ok(pilotOps.length >= 20, `only ${pilotOps.length} pilot operations in the document`);

    // Expired: a real session of hers whose time has passed (set in the database, as a clock would).
    const expired = await signIn(ALICE);
    const expiresAt = await t.services.db.query<{ expires_at: Date }>(
      `UPDATE sessions SET expires_at = now() - interval '1 minute'
        WHERE pilot_id = $1 AND expires_at = (SELECT max(expires_at) FROM sessions WHERE pilot_id = $1)
        RETURNING expires_at`,
      [alice.id],
    );
    assert.equal(expiresAt.rows.length, 1, 'one session expired');
    const expiredCheck = await fetch(`${t.url}/v1/accounts/me`, { headers: expired.auth });
    assert.equal(expiredCheck.status, 401, 'the expired session is refused');
    // Revoked: signed out.
    const revoked = await signIn(ALICE);
    assert.equal(
      (await fetch(`${t.url}/v1/sessions/current`, { method: 'DELETE', headers: revoked.auth })).status,
      204,
    );
    const forged = `als_${randomBytes(32).toString('base64url')}`;
    const last = alice.token.at(-1) === 'A' ? 'B' : 'A';
    const tampered = alice.token.slice(0, -1) + last;

    const principals: Array<[string, () => Promise<Record<string, string>>]> = [
      // A fresh session per cell: one cell's sign-out must not turn the next into an anonymous one.
      ['another pilot', async () => (await signIn(BOB)).auth],
      ['anonymous', async () => ({})],
      ['forged token', async () => ({ authorization: `Bearer ${forged}` })],
      ['forged cookie', async () => ({ cookie: `__Host-airlock_session=${forged}`, 'x-airlock-csrf': '1' })],
      ['tampered token', async () => ({ authorization: `Bearer ${tampered}` })],
      ['expired session', async () => expired.auth],
      ['revoked session', async () => revoked.auth],
    ];
    const problems: string[] = [];
    for (const op of pilotOps) {
      const addressed = op.params.some((p) => p.in === 'path');
      for (const [who, auth] of principals) {
        const a = await send(requestFor(op, await auth()));
        const cell = `${op.id} × ${who}`;
        if (who === 'another pilot' && !addressed) {
          // Routes about "me" or "mine" answer about the caller: bob may act on his own account.
          const text = a.body.toString();
          const leaked = aliceMarks().filter((m) => text.includes(m));
          if (a.status >= 500) problems.push(`${cell}: ${a.status}`);
          else if (leaked.length) problems.push(`${cell}: the answer names alice (${leaked.join(', ')})`);
          cells.push({ op: op.id, who, status: a.status, verdict: 'scoped' });
          continue;
        }
        const problem = refusalProblem(op, a);
        if (problem) problems.push(`${cell}: ${problem}`);
        const leaked = aliceMarks().filter((m) => a.body.toString().includes(m));
        if (leaked.length) problems.push(`${cell}: the refusal names alice (${leaked.join(', ')})`);
        cells.push({ op: op.id, who, status: a.status, verdict: 'refused' });
      }
    }
    assert.deepEqual(problems, []);
  });

  test('every operator operation × no token, wrong tokens, a pilot session, cookie, Basic: refused', async () => {
    const operatorOps = operations.filter((o) => o.caller === 'operator');
    assert.ok(operatorOps.length >= 4, `only ${operatorOps.length} operator operations in the document`);
    const wrongSameLength = ADMIN_TOKEN.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'));
    const principals: Array<[string, Record<string, string>]> = [
      ['no token', {}],
      ['wrong token', { authorization: `Bearer ${wrongSameLength}` }],
      ['a prefix of the token', { authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` }],
      ['the token and more', { authorization: `Bearer ${ADMIN_TOKEN}x` }],
      ["a pilot's session", alice.auth],
      ['the token as a cookie', { cookie: `__Host-airlock_session=${ADMIN_TOKEN}` }],
      ['Basic', { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` }],
    ];
    const problems: string[] = [];
    for (const op of operatorOps)
      for (const [who, auth] of principals) {
        const a = await send(requestFor(op, auth));
        const problem = refusalProblem(op, a);
        if (problem) problems.push(`${op.id} × ${who}: ${problem}`);
        cells.push({ op: op.id, who, status: a.status, verdict: 'refused' });
      }
    assert.deepEqual(problems, []);
  });

  test("afterwards the owner's account, log, upload and the datasets are unchanged", async () => {
    // Her password is the one she set (a fresh sign-in works), her session still lives.
    const fresh = await signIn(ALICE);
    assert.deepEqual(await snapshot(alice.auth), before_);
    assert.deepEqual(await snapshot(fresh.auth), before_);
    const original = await fetch(`${t.url}/v1/flightlogs/${aliceLog}/original`, { headers: fresh.auth });
    assert.deepEqual(Buffer.from(await original.arrayBuffer()), GPX);
  });

  test('the same requests by the owner and the operator succeed: the matrix tested real access', async () => {
    // Read operations only: the destructive ones would change what the test above checked.
    for (const op of operations.filter((o) => o.caller !== 'public' && o.method === 'GET')) {
      const a = await send(
        requestFor(op, op.caller === 'pilot' ? alice.auth : { authorization: `Bearer ${ADMIN_TOKEN}` }),
      );
      assert.equal(a.status, 200, `${op.id}: ${a.body.toString().slice(0, 160)}`);
    }
    const put = operations.find((o) => o.caller === 'operator' && o.method === 'PUT');
    if (put) {
      const a = await send({
        ...requestFor(put, { authorization: `Bearer ${ADMIN_TOKEN}` }),
        target: fillPath(put, { id: 'authz-control' }),
      });
      assert.equal(a.status, 200, `${put.id}: ${a.body.toString().slice(0, 160)}`);
    }
  });

  test('the matrix covered every cell; the log holds no address, e-mail, token, id or coordinate', (tc) => {
    const refused = cells.filter((c) => c.verdict === 'refused').length;
    tc.diagnostic(
      `${cells.length} cells: ${refused} refused, ${cells.length - refused} answered about the caller only`,
    );
    assert.ok(cells.length >= 150, `only ${cells.length} cells`);
    const findings = scanLogLines(t.logLines, [
      ...tokens,
      ADMIN_TOKEN,
      ALICE.email,
      BOB.email,
      ALICE.password,
      alice.id,
      aliceLog,
      String(FLIGHT_START.lat),
    ]);
    assert.deepEqual(
      findings.slice(0, 20).map((f) => `${f.kind}: ${f.match} in ${t.logLines[f.line].slice(0, 200)}`),
      [],
    );
  });
});
