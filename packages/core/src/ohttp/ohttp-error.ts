/**
 * Why an encapsulated message was refused before its content could be read. The codes map to RFC
 * 9458's errors: `unknown_key` is the "ohttp-key" problem (section 5.3: the client's key configuration
 * is outdated or wrong), `decrypt_failed` the 422 of section 6.4, `malformed` any other 4xx.
 */
export type OhttpErrorCode = 'malformed' | 'unknown_key' | 'unsupported_suite' | 'decrypt_failed';

export class OhttpError extends Error {
  constructor(
    readonly code: OhttpErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OhttpError';
  }
}
