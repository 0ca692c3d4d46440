export type FlightLogErrorCode =
  | 'corrupt_flight_log'
  | 'no_flight_data'
  | 'sha256_mismatch'
  | 'empty_file'
  | 'too_large';

const STATUS: Record<FlightLogErrorCode, 400 | 413 | 422> = {
  corrupt_flight_log: 422,
  no_flight_data: 422,
  sha256_mismatch: 422,
  empty_file: 400,
  too_large: 413,
};

/** Why an upload was refused; nothing of it was stored. */
export class FlightLogImportError extends Error {
  readonly status: 400 | 413 | 422;
  constructor(
    readonly code: FlightLogErrorCode,
    message: string,
    /** Byte offset of the problem in the file, when the parser knows it. */
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'FlightLogImportError';
    this.status = STATUS[code];
  }
}

/** A page cursor that this server did not produce. */
export class FlightLogCursorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlightLogCursorError';
  }
}

export type UploadErrorCode = 'not_found' | 'offset_conflict' | 'quota_exceeded' | 'too_many_uploads';

const UPLOAD_STATUS: Record<UploadErrorCode, 404 | 409 | 413 | 429> = {
  not_found: 404,
  offset_conflict: 409,
  quota_exceeded: 413,
  too_many_uploads: 429,
};

/** Why a step of a resumable upload was refused (the tus endpoint answers it in tus's terms). */
export class UploadError extends Error {
  readonly status: 404 | 409 | 413 | 429;
  constructor(
    readonly code: UploadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UploadError';
    this.status = UPLOAD_STATUS[code];
  }
}
