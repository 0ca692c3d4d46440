// The account routes over loopback: tokens for the SDK, cookies for the web (with CSRF defence),
// rate-limited sign-in with Retry-After, password change, deletion.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../test-server.ts';

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
    t = await startTestServer({ env: { AIRLOCK_SIGNIN_MAX_ATTEMPTS: '3', AIRLOCK_SIGNIN_LOCKOUT_S: '60' } });
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

  test('malformed bodies are 400s naming the field', async () => {
    const r = await post('/v1/sessions', { email: 'a@example.org' });
    assert.equal(r.status, 400);
    assert.match((await r.json()).error.message, /password/);
    const bad = await fetch(`${t.url}/v1/accounts`, { method: 'POST', headers: JSON_HEADERS, body: '{' });
    assert.equal(bad.status, 400);
  });
});
