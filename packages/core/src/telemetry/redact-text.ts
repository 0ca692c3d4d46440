/**
 * Redaction of personal and identifying substrings. The scrubber keeps only error types, function
 * names and source-file base names, so this is the second line of defence: whatever survives frame
 * parsing still goes through every rule here. Rules run in order; earlier ones remove the contexts
 * (URLs, paths) that later, narrower ones would only partly catch.
 */

type Rule = readonly [RegExp, string];

const RULES: readonly Rule[] = [
  // Any URI with a scheme: http(s), file://, content://, ws://, custom app schemes.
  [/\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s()<>"']*/gi, '<url>'],
  [/\bbearer\s+[^\s"']+/gi, 'Bearer <token>'],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '<email>'],
  // Windows drive and UNC paths, then Unix absolute and home-relative paths (user names live there).
  [/(?:\b[A-Za-z]:|\\\\[\w.$-]+)(?:\\[^\\\s:*?"<>|()]+)+\\?/g, '<path>'],
  [/(?:~|\B)\/(?:[^/\s:()<>"']+\/)+[^/\s:()<>"']*/g, '<path>'],
  [/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/g, '<token>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>'],
  [/\b0x[0-9a-f]{6,}\b/gi, '<addr>'],
  [/\b[0-9a-f]{16,}\b/gi, '<token>'],
  // Base64/base64url runs of 24+ with a digit and both cases: random tokens, not camelCase names.
  [
    /(?<![\w+/])(?=[A-Za-z0-9+/_-]*\d)(?=[A-Za-z0-9+/_-]*[a-z])(?=[A-Za-z0-9+/_-]*[A-Z])[A-Za-z0-9+/_-]{24,}={0,2}/g,
    '<token>',
  ],
  [/\b(?:\d{1,3}\.){3}\d{1,3}\b/g, '<ip>'],
  [/(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])/gi, '<ip>'],
  [/(?<![\w:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?(?![\w:])/gi, '<ip>'],
  // Serial numbers (DJI "1581F4XFC2B9S00D00XY", Apple, Android): 10+ upper-case letters and digits.
  [/\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{10,}\b/g, '<serial>'],
  // Degrees-minutes-seconds, then decimal pairs ("47.4582, 8.5492"), then lone precise decimals.
  [/\d{1,3}\s*°\s*\d{1,2}\s*['′]\s*(?:\d{1,2}(?:\.\d+)?\s*(?:["″]|''))?\s*[NSEW]?/g, '<coord>'],
  [/[-+]?\d{1,3}\.\d{2,}\s*[,;/ ]\s*[-+]?\d{1,3}\.\d{2,}/g, '<coord>'],
  [/[-+]?\d{1,3}\.\d{4,}/g, '<coord>'],
  // Long numbers: phone numbers, account ids, timestamps.
  [/\d{6,}/g, '<num>'],
];

/**
 * Replaces e-mail addresses, URLs, paths (with the user names in them), tokens, UUIDs, serial numbers,
 * IP addresses, coordinates and long numbers by placeholders such as `<email>` and `<coord>`.
 *
 * @example
 * redactText('sent to pilot@example.com at 47.4582, 8.5492'); // 'sent to <email> at <coord>'
 */
export function redactText(text: string): string {
  let out = text;
  for (const [re, replacement] of RULES) out = out.replace(re, replacement);
  return out;
}
