export type MediaErrorCode =
  | 'empty_file'
  | 'too_large'
  | 'quota_exceeded'
  | 'unsupported_media'
  | 'corrupt_media'
  | 'too_many_shares'
  | 'bad_cursor';

const STATUS: Record<MediaErrorCode, 400 | 413 | 415 | 422 | 429> = {
  empty_file: 400,
  bad_cursor: 400,
  too_large: 413,
  quota_exceeded: 413,
  unsupported_media: 415,
  corrupt_media: 422,
  too_many_shares: 429,
};

/** Why a share was refused. Nothing of the file is kept: not the upload, not a derivative, not a row. */
export class MediaError extends Error {
  readonly status: 400 | 413 | 415 | 422 | 429;
  constructor(
    readonly code: MediaErrorCode,
    message: string,
    /** Seconds until another share is allowed (429 only). */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'MediaError';
    this.status = STATUS[code];
  }
}

export const corrupt = (what: string) => new MediaError('corrupt_media', what);
export const unsupported = (what: string) => new MediaError('unsupported_media', what);
