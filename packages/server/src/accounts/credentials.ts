import { AccountError } from './account-error.ts';
import { passwordWeakness } from './password-policy.ts';

/**
 * NIST SP 800-63B rev. 4 (3.1.1.2): at least 15 characters when the password is the only factor, as it
 * is here; at least 64 must be allowed. Counted in Unicode code points after NFKC, as the standard asks.
 */
export const PASSWORD_MIN = 15;
export const PASSWORD_MAX = 256;

/** Anything a database, a log line or a hash would silently change or choke on: refused up front. */
export function textProblem(s: string): string | null {
  // With the u flag a proper surrogate pair is one code point: only a lone half matches \p{Cs}.
  if (/\p{Cs}/u.test(s)) return 'must be valid Unicode (no lone surrogates)';
  if (s.includes('\0')) return 'must not contain NUL characters';
  return null;
}

/**
 * The form an address is looked up in: trimmed, Unicode NFC, lower-cased. Lower-casing the local part
 * is technically lossy, but no mail provider a pilot uses treats case as significant, and two accounts
 * differing only in case would be a support trap.
 */
export function normaliseEmail(raw: string): string {
  const email = raw.trim().normalize('NFC').toLowerCase();
  // No control characters at all (NUL, newlines): none is valid in an address.
  if (
    textProblem(email) ||
    /\p{Cc}/u.test(email) ||
    email.length > 254 ||
    !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)
  )
    throw new AccountError('invalid_email', 'e-mail address is not valid');
  return email;
}

/**
 * The form a password is hashed in (NIST SP 800-63B: NFKC), so the same password typed on a keyboard
 * that composes characters (NFC) and one that does not (NFD) is the same password.
 */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

/**
 * Length and a blocklist are what matter against guessing; composition rules mostly produce
 * "Password1!", so there are none. `password` is already normalised.
 */
export function checkNewPassword(password: string, email: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN)
    throw new AccountError('weak_password', `password must be at least ${PASSWORD_MIN} characters`);
  if (length > PASSWORD_MAX)
    throw new AccountError('weak_password', `password must be at most ${PASSWORD_MAX} characters`);
  const problem =
    textProblem(password) ?? (/\p{Cc}/u.test(password) ? 'must not contain control characters' : null);
  if (problem) throw new AccountError('weak_password', `password ${problem}`);
  const weakness = passwordWeakness(password, email);
  if (weakness) throw new AccountError('weak_password', weakness);
}
