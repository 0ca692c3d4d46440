import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useSession } from '../session.tsx';

// The server's rule (accounts/credentials.ts) decides; this only tells the pilot before they try.
const PASSWORD_MIN = 15;

/** Sign in, or sign up (then signed in at once): e-mail and password, the server's message on refusal. */
export function AuthPage({ mode }: { mode: 'sign-in' | 'sign-up' }) {
  const session = useSession();
  const { query, route } = useLocation();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const up = mode === 'sign-up';
  // Only a path of this console: never a redirect to another site.
  const next = query.next?.startsWith('/') && !query.next.startsWith('//') ? query.next : '/flights';

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const email = String(form.get('email'));
    const password = String(form.get('password'));
    setBusy(true);
    const refused = await (up ? session.signUp(email, password) : session.signIn(email, password));
    setBusy(false);
    setProblem(refused);
    if (!refused) route(next);
  };

  return (
    <section class="auth">
      <h1>{up ? 'Create your account' : 'Sign in'}</h1>
      <form onSubmit={submit}>
        <label>
          E-mail
          <input name="email" type="email" autocomplete="email" required maxLength={254} />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autocomplete={up ? 'new-password' : 'current-password'}
            required
            aria-describedby={up ? 'password-rule' : undefined}
          />
        </label>
        {up && (
          <p id="password-rule" class="hint">
            At least {PASSWORD_MIN} characters; any characters, no rules about mixing them. Common passwords
            are refused.
          </p>
        )}
        {problem && (
          <p class="problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {up ? 'Create account' : 'Sign in'}
        </button>
      </form>
      <p>
        {up ? (
          <>
            Have an account? <a href="/sign-in">Sign in</a>
          </>
        ) : (
          <>
            New here? <a href="/sign-up">Create an account</a>
          </>
        )}
      </p>
    </section>
  );
}
