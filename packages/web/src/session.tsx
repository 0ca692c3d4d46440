import { type ComponentChildren, createContext } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { api, errorText, type Pilot, SIGNED_OUT_EVENT } from './api/client.ts';

/**
 * Whether this browser signed in last time. The session cookie is HttpOnly (page scripts never see the
 * token), so without this hint every visit of a signed-out pilot would start with a refused request.
 */
const HINT = 'airlock.signed-in';

/** Whether this browser signed in last time (the session may have ended since). */
export const signedInHint = (): boolean => localStorage.getItem(HINT) !== null;

export interface Session {
  /** undefined while the first check runs. */
  pilot: Pilot | null | undefined;
  signIn(email: string, password: string): Promise<string | null>;
  signUp(email: string, password: string): Promise<string | null>;
  signOut(): Promise<void>;
  /** Drops the signed-in state here (the server already ended the session: account deleted). */
  forget(): void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside <SessionProvider>');
  return s;
}

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [pilot, setPilot] = useState<Pilot | null | undefined>(localStorage.getItem(HINT) ? undefined : null);
  const forget = useCallback(() => {
    localStorage.removeItem(HINT);
    setPilot(null);
  }, []);

  useEffect(() => {
    addEventListener(SIGNED_OUT_EVENT, forget);
    if (localStorage.getItem(HINT))
      api.GET('/v1/accounts/me').then(({ data }) => (data ? setPilot(data.pilot) : forget()), forget);
    return () => removeEventListener(SIGNED_OUT_EVENT, forget);
  }, [forget]);

  const signIn = useCallback(async (email: string, password: string) => {
    const { data, error, response } = await api.POST('/v1/sessions', {
      body: { email, password, client: 'web' },
    });
    if (!data) return errorText(error, response);
    localStorage.setItem(HINT, '1');
    setPilot(data.pilot);
    return null;
  }, []);

  const signUp = useCallback(
    async (email: string, password: string) => {
      const { error, response } = await api.POST('/v1/accounts', { body: { email, password } });
      return response.ok ? signIn(email, password) : errorText(error, response);
    },
    [signIn],
  );

  const signOut = useCallback(async () => {
    await api.DELETE('/v1/sessions/current');
    forget();
  }, [forget]);

  const value = useMemo(
    () => ({ pilot, signIn, signUp, signOut, forget }),
    [pilot, signIn, signUp, signOut, forget],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
