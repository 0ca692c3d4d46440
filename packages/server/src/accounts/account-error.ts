export type AccountErrorCode =
  | 'invalid_email'
  | 'weak_password'
  | 'email_taken'
  | 'wrong_credentials'
  | 'too_many_attempts'
  | 'too_many_requests'
  | 'busy'
  | 'no_such_pilot';

/** A refusal the client can act on; the HTTP layer maps the code to a status. */
export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    message: string,
    /** Seconds until another attempt is allowed (too_many_attempts, too_many_requests, busy). */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}
