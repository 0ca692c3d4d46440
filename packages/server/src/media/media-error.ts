export type MediaErrorCode =
  | 'empty_file'
  | 'too_large'
  | 'quota_exceeded'
  | 'unsupported_media'
  | 'corrupt_media'
  | 'too_many_shares'
  | 'bad_cursor'
  | 'hidden'
  | 'not_a_video';

type MediaStatus = 400 | 409 | 413 | 415 | 422 | 429 | 451;

const STATUS: Record<MediaErrorCode, MediaStatus> = {
  empty_file: 400,
  bad_cursor: 400,
  too_large: 413,
  quota_exceeded: 413,
  unsupported_media: 415,
  corrupt_media: 422,
  too_many_shares: 429,
  not_a_video: 409,
  // Hidden by the operator after reports: "unavailable for legal reasons" is what RFC 7725 has for it.
  hidden: 451,
};

/**
 * Why a share was refused (nothing of the file is kept: not the upload, not a derivative, not a row),
 * or why an item cannot be read.
 */
export class MediaError extends Error {
  readonly status: MediaStatus;
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

export const hidden = () => new MediaError('hidden', 'this item was hidden by the operator after a report');
