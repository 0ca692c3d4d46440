// The account routes over loopback: tokens for the SDK, cookies for the web (with CSRF defence),
// rate-limited sign-in with Retry-After, password change, deletion.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

const PASSWORD = 'correct horse battery staple';
const JSON_HEADERS = { 'content-type': 'application/json' };

describe('account routes', () => {
  let t: TestServer;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: { ...JSON_HEADERS, ...headers },
      body: JSON.stringify(body),
    });
  before(async () => {
    // Per-client limits are tested on a server of their own (below): every request here is from loopback.
    t = await startTestServer({
      env: {
        AIRLOCK_SIGNIN_MAX_ATTEMPTS: '3',
        AIRLOCK_SIGNIN_LOCKOUT_S: '60',
        AIRLOCK_SIGNUP_PER_CLIENT: '1000',
        AIRLOCK_SIGNIN_PER_CLIENT: '1000',
      },
    });
  });
  after(async () => t.close());

  test('sign-up, sign-in (token), me, sign-out; answers are never cached', async () => {
    const up = await post('/v1/accounts', { email: 'Hana@example.org', password: PASSWORD });
    assert.equal(up.status, 201);
    assert.equal((await up.json()).pilot.email, 'hana@example.org');
    assert.equal((await post('/v1/accounts', { email: 'hana@example.org', password: PASSWORD })).status, 409);
    const weak = await post('/v1/accounts', { email: 'x@example.org', password: 'short' });
    assert.equal(weak.status, 400);
    assert.match((await weak.json()).error.message, /at least 15/);
    const r = await post('/v1/sessions', { email: 'hana@example.org', password: PASSWORD });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('set-cookie'), null, 'the SDK gets no cookie');
    assert.equal(r.headers.get('cache-control'), 'no-store');
    const { token } = await r.json();
    assert.match(token, /^als_/);
    const auth = { authorization: `Bearer ${token}` };
    const me = await fetch(`${t.url}/v1/accounts/me`, { headers: auth });
    assert.equal((await me.json()).pilot.email, 'hana@example.org');
    assert.equal(
      (await fetch(`${t.url}/v1/sessions/current`, { method: 'DELETE', headers: auth })).status,
      204,
    );
    const gone = await fetch(`${t.url}/v1/accounts/me`, { headers: auth });
    assert.equal(gone.status, 401);
    assert.match(gone.headers.get('www-authenticate') ?? '', /Bearer/);
  });

  test('the web gets an HttpOnly Secure SameSite=Strict cookie, and cookie writes need the CSRF header', async () => {
    await post('/v1/accounts', { email: 'ivo@example.org', password: PASSWORD });
    const r = await post('/v1/sessions', { email: 'ivo@example.org', password: PASSWORD, client: 'web' });
    const body = await r.json();
    assert.equal(body.token, undefined, 'page scripts never see the token');
    const cookie = r.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^__Host-airlock_session=als_/);
    for (const attr of [/HttpOnly/i, /Secure/i, /SameSite=Strict/i, /Path=\//]) assert.match(cookie, attr);
    const jar = { cookie: cookie.split(';')[0] };
    assert.equal(
      (await fetch(`${t.url}/v1/accounts/me`, { headers: jar })).status,
      200,
      'reads need no header',
    );
    const forged = await fetch(`${t.url}/v1/sessions/current`, { method: 'DELETE', headers: jar });
    assert.equal(forged.status, 403);
    assert.match((await forged.json()).error.message, /X-Airlock-CSRF/);
    const ok = await fetch(`${t.url}/v1/sessions/current`, {
      method: 'DELETE',
      headers: { ...jar, 'X-Airlock-CSRF': '1' },
    });
    assert.equal(ok.status, 204);
    assert.match(ok.headers.get('set-cookie') ?? '', /Max-Age=0|Expires=Thu, 01 Jan 1970/i);
  });

  test('wrong password is a 401; the 4th attempt is a 429 with Retry-After, even with the right password', async () => {
    await post('/v1/accounts', { email: 'jo@example.org', password: PASSWORD });
    for (let i = 0; i < 3; i++) {
      const r = await post('/v1/sessions', { email: 'jo@example.org', password: 'wrong password' });
      assert.equal(r.status, 401);
      assert.equal((await r.json()).error.code, 'wrong_credentials');
    }
    const locked = await post('/v1/sessions', { email: 'JO@example.org', password: PASSWORD });
    assert.equal(locked.status, 429);
    assert.equal(locked.headers.get('retry-after'), '60');
    // An unknown address answers exactly like a wrong password (no account enumeration at sign-in).
    const unknown = await post('/v1/sessions', { email: 'nobody@example.org', password: PASSWORD });
    assert.equal(unknown.status, 401);
    assert.equal((await unknown.json()).error.code, 'wrong_credentials');
  });

  test('password change revokes the other sessions; deletion needs the password and ends every session', async () => {
    const p = await t.pilot('kim@example.org', PASSWORD);
    const other = await (await post('/v1/sessions', { email: 'kim@example.org', password: PASSWORD })).json();
    const put = (body: unknown) =>
      fetch(`${t.url}/v1/accounts/me/password`, {
        method: 'PUT',
        headers: { ...p.auth, ...JSON_HEADERS },
        body: JSON.stringify(body),
      });
    assert.equal(
      (await put({ current_password: 'wrong password', new_password: 'another long one' })).status,
      401,
    );
    assert.equal((await put({ current_password: PASSWORD, new_password: 'another long one' })).status, 204);
    assert.equal((await fetch(`${t.url}/v1/accounts/me`, { headers: p.auth })).status, 200);
    const revoked = await fetch(`${t.url}/v1/accounts/me`, {
      headers: { authorization: `Bearer ${other.token}` },
    });
    assert.equal(revoked.status, 401);
    const del = (password: string) =>
      fetch(`${t.url}/v1/accounts/me`, {
        method: 'DELETE',
        headers: { ...p.auth, ...JSON_HEADERS },
        body: JSON.stringify({ password }),
      });
    assert.equal((await del('wrong password')).status, 401);
    assert.equal((await del('another long one')).status, 204);
    assert.equal((await fetch(`${t.url}/v1/accounts/me`, { headers: p.auth })).status, 401);
    assert.equal(
      (await post('/v1/sessions', { email: 'kim@example.org', password: 'another long one' })).status,
      401,
    );
  });

  test('NUL, lone surrogates and invalid UTF-8 in any account string are 400s naming the field, never 500s', async () => {
    const raw = (method: string, path: string, body: string | Uint8Array<ArrayBuffer>, headers = {}) =>
      fetch(`${t.url}${path}`, { method, headers: { ...JSON_HEADERS, ...headers }, body });
    const nul = '{"email":"nul\\u0000x@example.test","password":"correct-horse-battery"}';
    for (const path of ['/v1/accounts', '/v1/sessions']) {
      const r = await raw('POST', path, nul);
      assert.equal(r.status, 400, path);
      const { error } = await r.json();
      assert.equal(error.code, 'invalid_request');
      assert.match(error.message, /field "email": must not contain NUL/);
    }
    const lone = await raw('POST', '/v1/sessions', '{"email":"a\\ud800@example.test","password":"x"}');
    assert.equal(lone.status, 400);
    assert.match((await lone.json()).error.message, /field "email": must be valid Unicode/);
    const loneKey = await raw(
      'POST',
      '/v1/accounts',
      '{"email":"ok@example.test","password":"long enough \\udfff pass"}',
    );
    assert.match((await loneKey.json()).error.message, /field "password"/);
    // 0xC3 0x28 is not UTF-8: decoded leniently it would become U+FFFD, and two byte strings one address.
    const bad = new Uint8Array(
      Buffer.concat([
        Buffer.from('{"email":"caf'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('@example.test","password":"correct horse battery staple"}'),
      ]),
    );
    for (const path of ['/v1/accounts', '/v1/sessions']) {
      const r = await raw('POST', path, bad);
      assert.equal(r.status, 400, path);
      assert.match((await r.json()).error.message, /field "email": must be valid UTF-8/);
    }
    const p = await t.pilot('lea@example.org', PASSWORD);
    const put = await raw(
      'PUT',
      '/v1/accounts/me/password',
      `{"current_password":"${PASSWORD}","new_password":"new\\u0000password here"}`,
      p.auth,
    );
    assert.equal(put.status, 400);
    assert.match((await put.json()).error.message, /field "new_password": must not contain NUL/);
    const del = await raw('DELETE', '/v1/accounts/me', '{"password":"\\ud83d"}', p.auth);
    assert.equal(del.status, 400);
    assert.match((await del.json()).error.message, /field "password"/);
    assert.equal((await fetch(`${t.url}/v1/accounts/me`, { headers: p.auth })).status, 200, 'still there');
    assert.ok(!t.logLines.some((l) => /"level":"error"/.test(l)), 'nothing reached the error log');
  });

  test('passwords follow NIST SP 800-63B: length, a blocklist, context words; NFKC, so NFD-typed works', async () => {
    const refused: Array<[string, RegExp]> = [
      [' '.repeat(10), /at least 15 characters/],
      ['1234567890', /at least 15 characters/],
      ['password12', /at least 15 characters/],
      [' '.repeat(20), /only spaces/],
      ['123456789012345', /repeated or sequential/],
      ['qwertyuiop12345', /commonly used/],
      ['Password1234567', /commonly used password with digits/],
      ['airlock airlock 2024', /e-mail address or the name of this service/],
      ['Mona.Lisa.1503!', /e-mail address or the name of this service/],
    ];
    for (const [password, reason] of refused) {
      const r = await post('/v1/accounts', { email: 'mona.lisa@example.org', password });
      assert.equal(r.status, 400, JSON.stringify(password));
      const { error } = await r.json();
      assert.equal(error.code, 'weak_password');
      assert.match(error.message, reason, JSON.stringify(password));
    }
    // No composition rules: a long passphrase of lower-case words is fine, and so is any script.
    const nfc = 'café crème brûlée à la pâtisserie';
    assert.equal((await post('/v1/accounts', { email: 'mona.lisa@example.org', password: nfc })).status, 201);
    const nfd = nfc.normalize('NFD');
    assert.notEqual(nfd, nfc);
    const r = await post('/v1/sessions', { email: 'mona.lisa@example.org', password: nfd });
    assert.equal(r.status, 200, 'the same password typed on a keyboard that does not compose');
    // NFKC also folds compatibility forms: full-width letters are the same password.
    const wide = 'ｃａｆé crème brûlée à la pâtisserie';
    assert.equal(
      (await post('/v1/sessions', { email: 'mona.lisa@example.org', password: wide })).status,
      200,
    );
  });

  test('malformed bodies are 400s naming the field', async () => {
    const r = await post('/v1/sessions', { email: 'a@example.org' });
    assert.equal(r.status, 400);
    assert.match((await r.json()).error.message, /password/);
    const bad = await fetch(`${t.url}/v1/accounts`, { method: 'POST', headers: JSON_HEADERS, body: '{' });
    assert.equal(bad.status, 400);
  });
});

describe('account routes: per-client limits', () => {
  let t: TestServer;
  // Behind a trusted proxy, so each test can speak as several clients (X-Forwarded-For).
  const post = (path: string, body: unknown, client: string) =>
    fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: { ...JSON_HEADERS, 'x-forwarded-for': client },
      body: JSON.stringify(body),
    });
  before(async () => {
    t = await startTestServer({
      env: {
        AIRLOCK_TRUST_PROXY: 'true',
        AIRLOCK_SIGNUP_PER_CLIENT: '3',
        AIRLOCK_SIGNIN_PER_CLIENT: '6',
        AIRLOCK_ARGON2_CONCURRENCY: '2',
        AIRLOCK_ARGON2_QUEUE: '8',
        AIRLOCK_ARGON2_PER_CLIENT: '2',
      },
    });
  });
  after(async () => t.close());

  test('sign-ups are limited per client (429 with Retry-After); another client is not affected', async () => {
    for (let i = 0; i < 3; i++)
      assert.equal(
        (await post('/v1/accounts', { email: `s${i}@example.org`, password: PASSWORD }, '203.0.113.7'))
          .status,
        201,
      );
    const r = await post('/v1/accounts', { email: 's3@example.org', password: PASSWORD }, '203.0.113.7');
    assert.equal(r.status, 429);
    assert.equal((await r.json()).error.code, 'too_many_requests');
    assert.ok(Number(r.headers.get('retry-after')) > 0);
    // IPv6 counts per /64: another address in the same block is the same client.
    for (let i = 0; i < 3; i++)
      await post(
        '/v1/accounts',
        { email: `v${i}@example.org`, password: PASSWORD },
        `2001:db8:7:7::${i + 1}`,
      );
    assert.equal(
      (await post('/v1/accounts', { email: 'v9@example.org', password: PASSWORD }, '2001:db8:7:7:ffff::9'))
        .status,
      429,
    );
    assert.equal(
      (await post('/v1/accounts', { email: 's4@example.org', password: PASSWORD }, '198.51.100.1')).status,
      201,
    );
    assert.ok(
      !t.logLines.some((l) => l.includes('203.0.113.7') || l.includes('2001:db8')),
      'no address logged',
    );
  });

  test('sign-in attempts are limited per client, whatever addresses it tries', async () => {
    const client = '192.0.2.50';
    for (let i = 0; i < 6; i++)
      assert.equal(
        (await post('/v1/sessions', { email: `r${i}@example.org`, password: PASSWORD }, client)).status,
        401,
      );
    const r = await post('/v1/sessions', { email: 's0@example.org', password: PASSWORD }, client);
    assert.equal(r.status, 429);
    assert.equal((await r.json()).error.code, 'too_many_requests');
    assert.equal(
      (await post('/v1/sessions', { email: 's0@example.org', password: PASSWORD }, '192.0.2.51')).status,
      200,
    );
  });

  test('a flood of wrong sign-ins is refused at once (429) and a real pilot still signs in', async () => {
    const flood = Array.from({ length: 40 }, (_, i) =>
      post(
        '/v1/sessions',
        { email: `flood${i}-${Math.random()}@example.org`, password: PASSWORD },
        `192.0.2.${100 + (i % 4)}`,
      ),
    );
    const pilot = post('/v1/sessions', { email: 's1@example.org', password: PASSWORD }, '198.51.100.20');
    const [mine, ...rest] = await Promise.all([pilot, ...flood]);
    assert.equal(mine.status, 200);
    const statuses = rest.map((r) => r.status);
    assert.ok(
      statuses.every((s) => s === 401 || s === 429),
      statuses.join(),
    );
    const refused = rest.filter((r) => r.status === 429);
    assert.ok(
      refused.length >= 8,
      `${refused.length} of 40 refused at once: 4 clients × 2 places, 2 + 8 in all`,
    );
    for (const r of refused) {
      const { code } = (await r.json()).error;
      assert.match(code, /^(busy|too_many_requests)$/);
      if (code === 'busy') assert.equal(r.headers.get('retry-after'), '1');
      else assert.ok(Number(r.headers.get('retry-after')) > 0);
    }
  });
});
