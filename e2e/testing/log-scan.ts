// Scans a server's log lines for personal data and secrets: IP addresses, e-mail addresses, tokens
// and coordinates, in any field. The patterns are generic (any address, any e-mail); `secrets` adds
// the exact values a test sent (its tokens, ids, coordinates), which a generic pattern could miss.

const IPV4 = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\d.])/;
// Two or more hex groups joined by "::", or eight full groups: ::1, fe80::1, 2001:db8::… (not "a::b" words).
const IPV6 = /(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])/i;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/;
const BEARER = /bearer\s+\S+|\bals_[\w-]{20,}/i;
// A coordinate as logs would print one: a decimal with 4+ places (~11 m), alone or as a pair.
const COORDINATE = /-?\b\d{1,3}\.\d{4,}\b/;

export interface LogFinding {
  line: number;
  kind: string;
  match: string;
}

export function scanLogLines(lines: readonly string[], secrets: readonly string[] = []): LogFinding[] {
  const out: LogFinding[] = [];
  const patterns: Array<[string, RegExp]> = [
    ['IPv4 address', IPV4],
    ['IPv6 address', IPV6],
    ['e-mail address', EMAIL],
    ['token', BEARER],
    ['coordinate', COORDINATE],
  ];
  lines.forEach((text, i) => {
    for (const [kind, re] of patterns) {
      const m = re.exec(text);
      // "::" alone (or the time "12:30:45") is not an address: an IPv6 match needs a hex digit.
      if (m && !(kind === 'IPv6 address' && !/[0-9a-f]/i.test(m[0].replaceAll(':', ''))))
        out.push({ line: i, kind, match: m[0] });
    }
    for (const s of secrets)
      if (s && text.includes(s)) out.push({ line: i, kind: 'value sent by the test', match: s });
  });
  return out;
}
