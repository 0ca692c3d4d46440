import { AccountError } from './account-error.ts';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/**
 * The form an address is stored and looked up in: trimmed, Unicode NFC, lower-cased. Lower-casing the
 * local part is technically lossy, but no mail provider a pilot uses treats case as significant, and two
 * accounts differing only in case would be a support trap.
 */
export function normaliseEmail(raw: string): string {
  const email = raw.trim().normalize('NFC').toLowerCase();
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new AccountError('invalid_email', 'e-mail address is not valid');
  return email;
}

/** Length is what matters against guessing; composition rules mostly produce "Password1!". */
export function checkNewPassword(password: string, email: string): void {
  if (password.length < PASSWORD_MIN)
    throw new AccountError('weak_password', `password must be at least ${PASSWORD_MIN} characters`);
  if (password.length > PASSWORD_MAX)
    throw new AccountError('weak_password', `password must be at most ${PASSWORD_MAX} characters`);
  if (password.trim().toLowerCase() === email)
    throw new AccountError('weak_password', 'password must not be the e-mail address');
}
