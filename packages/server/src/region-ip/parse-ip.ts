/**
 * Parses a client address into numbers for the range tables, and rejects addresses that say
 * nothing about a country: loopback, private, link-local, carrier-grade NAT, documentation,
 * multicast and reserved space. Privacy: nothing here keeps, logs or echoes the address.
 */
import { isIP } from 'node:net';

export type ParsedIp =
  | { readonly version: 4; readonly value: number }
  | { readonly version: 6; readonly words: readonly number[] };

/** IPv4 blocks that are not publicly routed, as [network, prefix length]. */
const NON_PUBLIC_V4: readonly (readonly [number, number])[] = [
  [0x00000000, 8], // "this network"
  [0x0a000000, 8], // private
  [0x64400000, 10], // carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local
  [0xac100000, 12], // private
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0000200, 24], // documentation (TEST-NET-1)
  [0xc0a80000, 16], // private
  [0xc6120000, 15], // benchmarking
  [0xc6336400, 24], // documentation (TEST-NET-2)
  [0xcb007100, 24], // documentation (TEST-NET-3)
  [0xe0000000, 3], // multicast, reserved and broadcast (224.0.0.0 and up)
];

function isPublicV4(value: number): boolean {
  for (const [network, bits] of NON_PUBLIC_V4) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((value & mask) >>> 0 === network) return false;
  }
  return true;
}

function isPublicV6(w: readonly number[]): boolean {
  const top = w[0];
  if (top >>> 25 === 0x7e) return false; // fc00::/7 unique local
  if (top >>> 22 === 0x3fa) return false; // fe80::/10 link-local
  if (top >>> 24 === 0xff) return false; // ff00::/8 multicast
  if (top === 0x20010db8) return false; // 2001:db8::/32 documentation
  if (top === 0 && w[1] === 0 && w[2] === 0) return false; // ::, ::1, deprecated IPv4-compatible
  return true;
}

function parseV4(text: string): number {
  const [a, b, c, d] = text.split('.').map(Number);
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

/** Eight 16-bit groups packed into four 32-bit words; `text` is already valid per isIP. */
function parseV6(text: string): number[] {
  let groups: string[];
  const gap = text.indexOf('::');
  const toGroups = (part: string): string[] => {
    if (part === '') return [];
    const parts = part.split(':');
    const last = parts[parts.length - 1];
    if (last.includes('.')) {
      const v4 = parseV4(last);
      parts.splice(-1, 1, (v4 >>> 16).toString(16), (v4 & 0xffff).toString(16));
    }
    return parts;
  };
  if (gap === -1) {
    groups = toGroups(text);
  } else {
    const head = toGroups(text.slice(0, gap));
    const tail = toGroups(text.slice(gap + 2));
    groups = [...head, ...new Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  }
  const words: number[] = [];
  for (let i = 0; i < 8; i += 2) {
    words.push(((Number.parseInt(groups[i], 16) << 16) | Number.parseInt(groups[i + 1], 16)) >>> 0);
  }
  return words;
}

/**
 * The address as numbers, or null when it is malformed or not public. IPv4-mapped IPv6
 * (::ffff:1.2.3.4, as dual-stack sockets report IPv4 clients) comes back as IPv4.
 */
export function parsePublicIp(input: unknown): ParsedIp | null {
  if (typeof input !== 'string' || input.length > 100) return null;
  // A zone index (fe80::1%eth0) names a local interface; it never reaches the tables anyway.
  const text = input.includes('%') ? input.slice(0, input.indexOf('%')) : input;
  const version = isIP(text);
  if (version === 4) {
    const value = parseV4(text);
    return isPublicV4(value) ? { version: 4, value } : null;
  }
  if (version !== 6) return null;
  const words = parseV6(text);
  if (words[0] === 0 && words[1] === 0 && words[2] === 0xffff) {
    return isPublicV4(words[3]) ? { version: 4, value: words[3] } : null;
  }
  return isPublicV6(words) ? { version: 6, words } : null;
}
