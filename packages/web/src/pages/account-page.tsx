import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, errorText } from '../api/client.ts';
import { useSession } from '../session.tsx';

const EXPORT: '/v1/accounts/me/export' = '/v1/accounts/me/export';

/** The pilot's account: everything held about them as one download, a new password, deletion. */
export function AccountPage() {
  const { pilot, forget } = useSession();
  const { route } = useLocation();
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  if (!pilot) return null;

  const changePassword = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const { error, response } = await api.PUT('/v1/accounts/me/password', {
      body: { current_password: String(f.get('current')), new_password: String(f.get('new')) },
    });
    if (response.ok) form.reset();
    setSaid(
      response.ok
        ? { ok: true, text: 'Password changed. Every other session of yours is signed out.' }
        : { ok: false, text: errorText(error, response) },
    );
  };

  const deleteAccount = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const { error, response } = await api.DELETE('/v1/accounts/me', {
      body: { password: String(f.get('password')) },
    });
    if (!response.ok) return setSaid({ ok: false, text: errorText(error, response) });
    forget();
    route('/sign-in');
  };

  return (
    <section class="account">
      <h1>Your account</h1>
      <p>
        Signed in as <strong>{pilot.email}</strong>, a pilot since {pilot.created_on}.
      </p>
      {said && (
        <p class={said.ok ? 'ok' : 'problem'} role={said.ok ? 'status' : 'alert'}>
          {said.text}
        </p>
      )}
      <h2>Your data</h2>
      <p>
        <a href={EXPORT} download>
          Download everything Airlock holds about you
        </a>{' '}
        <span class="sub">
          (JSON: account, sessions, every flight log with its summary; originals linked)
        </span>
      </p>
      <h2>Change password</h2>
      <form class="stack" onSubmit={changePassword}>
        <label>
          Current password
          <input name="current" type="password" autocomplete="current-password" required />
        </label>
        <label>
          New password
          <input name="new" type="password" autocomplete="new-password" required />
        </label>
        <button type="submit">Change password</button>
      </form>
      <h2>Delete account</h2>
      <form class="stack" onSubmit={deleteAccount}>
        <p>
          Deletes your account, every session and every flight log, and the key your data was encrypted with,
          so no backup of it can be read again. This cannot be undone.
        </p>
        <label>
          Password
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <button type="submit" class="danger">
          Delete my account and all my data
        </button>
      </form>
    </section>
  );
}
