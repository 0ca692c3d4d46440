import { api, errorText } from '../../api/client.ts';

const KEY = 'airlock.operator-token';

/**
 * The operator token (AIRLOCK_ADMIN_TOKEN) as the API takes it, a bearer header on each operator
 * request: the API has no operator session. Kept in this tab's sessionStorage, so it is gone when
 * the tab closes and never sent with anything but the operator's own requests.
 */
export function storedToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Checks the token against an operator route (it reads nothing personal); null when accepted. */
export async function signInOperator(token: string): Promise<string | null> {
  const today = new Date().toISOString().slice(0, 10);
  const { error, response } = await api.GET('/v1/admin/stats/requests', {
    params: { query: { from: today, to: today } },
    headers: bearer(token),
  });
  if (!response.ok) return errorText(error, response);
  sessionStorage.setItem(KEY, token);
  return null;
}
