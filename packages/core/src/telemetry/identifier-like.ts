// Values that look like identifiers are refused even where a field's pattern would allow them.
const SERIAL_LIKE = /(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{10,}/;
const TOKEN_LIKE = /[0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f]{4}-/i;

/** Whether a short string value looks like a serial number, a long hex token or a UUID. */
export function looksLikeIdentifier(s: string): boolean {
  return SERIAL_LIKE.test(s) || TOKEN_LIKE.test(s);
}
