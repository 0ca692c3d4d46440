/**
 * A bad value in an OpenAir file. Value parsers throw it without a line (they only see the value);
 * the record reader adds the line of the command, and parseOpenAir turns it into an ImportIssue.
 */
export class OpenAirError extends Error {
  readonly line: number | undefined;
  constructor(reason: string, line?: number) {
    super(reason);
    this.name = 'OpenAirError';
    this.line = line;
  }
}

/**
 * Gives an error from a value parser the line it was found on, and the command word when the
 * reason starts with the bare value (`"45:75:00 N" has 75 minutes` → `DP "45:75:00 N" has ...`).
 * Errors that already know their line, and other errors, pass through untouched.
 */
export function atLine(error: unknown, line: number, command?: string): unknown {
  if (!(error instanceof OpenAirError) || error.line !== undefined) return error;
  const reason = command && error.message.startsWith('"') ? `${command} ${error.message}` : error.message;
  return new OpenAirError(reason, line);
}
