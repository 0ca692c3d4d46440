// The pilot's account, as the app (not the SDK) manages it: sign-up, sign-in and deletion go straight to
// the server, not through the tap, since the audit judges what the SDK sends. Before the deletion the
// bytes that would identify or unlock the pilot are read from the database: afterwards no file of the
// data dir may hold them (the storage scan), nor the address itself.

import { PILOT_EMAIL } from './places.ts';
import type { AuditServer } from './server.ts';
import type { PilotAccount } from './session.ts';

/** Long, uncommon and free of the address's words (the server holds passwords to NIST SP 800-63B). */
const PASSWORD = 'violet tangerine quarry lantern';
const json = { 'content-type': 'application/json' };

/** What the storage scan looks for after the run: [what it is, its bytes]. */
export type Needle = [string, Buffer];

export async function openPilotAccount(server: AuditServer, needles: Needle[]): Promise<PilotAccount> {
  const url = server.server.url;
  const credentials = JSON.stringify({ email: PILOT_EMAIL, password: PASSWORD });
  const up = await fetch(`${url}/v1/accounts`, { method: 'POST', headers: json, body: credentials });
  if (up.status !== 201) throw new Error(`audit sign-up: ${up.status} ${await up.text()}`);
  const r = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: json, body: credentials });
  if (r.status !== 200) throw new Error(`audit sign-in: ${r.status} ${await r.text()}`);
  const { token, pilot } = (await r.json()) as { token: string; pilot: { id: string } };
  return {
    token,
    async delete() {
      const db = server.services.db;
      const key = await db.query<{ wrapped_key: Uint8Array }>(
        'SELECT wrapped_key FROM pilot_keys WHERE pilot_id = $1',
        [pilot.id],
      );
      const row = await db.query<{ email_sealed: Uint8Array; email_hmac: Uint8Array }>(
        'SELECT email_sealed, email_hmac FROM pilots WHERE id = $1',
        [pilot.id],
      );
      needles.push(
        ["a deleted pilot's wrapped data key", Buffer.from(key.rows[0].wrapped_key)],
        ["a deleted pilot's sealed e-mail", Buffer.from(row.rows[0].email_sealed)],
        ["a deleted pilot's e-mail hash", Buffer.from(row.rows[0].email_hmac)],
      );
      const del = await fetch(`${url}/v1/accounts/me`, {
        method: 'DELETE',
        headers: { ...json, authorization: `Bearer ${token}` },
        body: JSON.stringify({ password: PASSWORD }),
      });
      if (del.status !== 204) throw new Error(`audit account deletion: ${del.status} ${await del.text()}`);
    },
  };
}
