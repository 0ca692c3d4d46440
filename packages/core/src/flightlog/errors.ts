/**
 * Thrown when a file cannot be imported at all. The message always says where the problem was
 * (a byte offset for binary formats, a line for text formats) so a user can tell a corrupt file from a
 * bug, and a server can turn it into a 422 without a stack trace.
 *
 * @example
 * try {
 *   parseFlightLog(bytes, { name: 'flight.ulg' });
 * } catch (e) {
 *   if (e instanceof FlightLogError) console.error(e.message, e.offset ?? e.line); // where it stopped
 * }
 */
export class FlightLogError extends Error {
  /** Byte offset (binary formats) where parsing failed, when known. */
  readonly offset: number | undefined;
  /** 1-based line (text formats) where parsing failed, when known. */
  readonly line: number | undefined;

  constructor(message: string, where: { offset?: number; line?: number } = {}) {
    super(message);
    this.name = 'FlightLogError';
    this.offset = where.offset;
    this.line = where.line;
  }
}

/**
 * A file that reads without error but holds no flight: only headers, definitions or a CSV header line.
 * A FlightLogError like any other refusal; its own class so a server can say which refusal it was.
 *
 * @example
 * try {
 *   parseFlightLog(emptyGpx, { name: 'empty.gpx' });
 * } catch (e) {
 *   if (e instanceof NoFlightDataError) toast('The file holds no flight: no track, no samples');
 * }
 */
export class NoFlightDataError extends FlightLogError {
  constructor(message: string) {
    super(message);
    this.name = 'NoFlightDataError';
  }
}

/**
 * "byte offset 1234 (0x4d2)": hex too, because hex dumps are how people look at these files.
 *
 * @example
 * describeOffset(1234); // 'byte offset 1234 (0x4d2)'
 */
export function describeOffset(offset: number): string {
  return `byte offset ${offset} (0x${offset.toString(16)})`;
}
