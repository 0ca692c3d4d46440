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
