/**
 * Loads @ip-location-db/geo-whois-asn-country's numeric CSVs into compact sorted typed arrays:
 * IPv4 segment starts as one Uint32Array, IPv6 starts as four big-endian 32-bit words each, and a
 * Uint16Array of country indexes beside each. About 7 MB in memory for ~550k rows; see the
 * module's test for the measured load time.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { flattenRanges, NO_COUNTRY } from './flatten-ranges.ts';

export { NO_COUNTRY };

export interface IpTables {
  /** Country codes; the tables hold indexes into this list. */
  readonly codes: readonly string[];
  readonly v4Starts: Uint32Array;
  readonly v4Countries: Uint16Array;
  /** Four words per start, most significant first. */
  readonly v6Starts: Uint32Array;
  readonly v6Countries: Uint16Array;
}

const V4_FILE = 'geo-whois-asn-country-ipv4-num.csv';
const V6_FILE = 'geo-whois-asn-country-ipv6-num.csv';
const MAX_V4 = 0xffffffff;
const MAX_V6 = (1n << 128n) - 1n;

/** The folder of the installed database package. */
export function defaultDataDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@ip-location-db/geo-whois-asn-country/package.json'));
}

export async function loadIpTables(dataDir: string): Promise<IpTables> {
  const codes: string[] = [];
  const codeIndex = new Map<string, number>();
  const indexOf = (code: string): number => {
    let i = codeIndex.get(code);
    if (i === undefined) {
      i = codes.length;
      if (i >= NO_COUNTRY) throw new Error(`Too many country codes in the IP database: ${codes.length}`);
      codes.push(code);
      codeIndex.set(code, i);
    }
    return i;
  };

  // One file at a time, in its own function, so one file's text and intermediate arrays are
  // garbage before the next is read: that halves the transient memory of the load.
  const v4 = await loadV4(dataDir, indexOf);
  const v6 = await loadV6(dataDir, indexOf);
  return {
    codes,
    v4Starts: v4.starts,
    v4Countries: v4.countries,
    v6Starts: v6.starts,
    v6Countries: v6.countries,
  };
}

interface Packed {
  starts: Uint32Array;
  countries: Uint16Array;
}

async function loadV4(dataDir: string, indexOf: (code: string) => number): Promise<Packed> {
  const text = await readFile(join(dataDir, V4_FILE), 'latin1');
  const seg = flattenRanges(...parseRows(text, Number, indexOf, V4_FILE), (x) => x + 1);
  // A range ending at 255.255.255.255 leaves a closing gap that starts past the address space.
  const count = seg.starts.at(-1)! > MAX_V4 ? seg.starts.length - 1 : seg.starts.length;
  return {
    starts: Uint32Array.from(seg.starts.slice(0, count)),
    countries: Uint16Array.from(seg.countries.slice(0, count)),
  };
}

async function loadV6(dataDir: string, indexOf: (code: string) => number): Promise<Packed> {
  const text = await readFile(join(dataDir, V6_FILE), 'latin1');
  const seg = flattenRanges(...parseRows(text, BigInt, indexOf, V6_FILE), (x) => x + 1n);
  const count = seg.starts.at(-1)! > MAX_V6 ? seg.starts.length - 1 : seg.starts.length;
  const starts = new Uint32Array(count * 4);
  for (let i = 0; i < count; i++) {
    const s = seg.starts[i];
    starts[i * 4] = Number(s >> 96n);
    starts[i * 4 + 1] = Number((s >> 64n) & 0xffffffffn);
    starts[i * 4 + 2] = Number((s >> 32n) & 0xffffffffn);
    starts[i * 4 + 3] = Number(s & 0xffffffffn);
  }
  return { starts, countries: Uint16Array.from(seg.countries.slice(0, count)) };
}

/** Rows of `start,end,CC`; any other line shape is a corrupt file and stops the load. */
function parseRows<T extends number | bigint>(
  text: string,
  toNumber: (s: string) => T,
  indexOf: (code: string) => number,
  file: string,
): [T[], T[], number[]] {
  const starts: T[] = [];
  const ends: T[] = [];
  const countries: number[] = [];
  let pos = 0;
  let line = 0;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = text.length;
    line++;
    const c1 = text.indexOf(',', pos);
    const c2 = c1 === -1 ? -1 : text.indexOf(',', c1 + 1);
    if (c2 === -1 || c2 > eol) {
      if (text.slice(pos, eol).trim() !== '')
        throw new Error(`${file} line ${line}: expected start,end,country`);
    } else {
      const start = toNumber(text.slice(pos, c1));
      const end = toNumber(text.slice(c1 + 1, c2));
      // `!(start <= end)` also catches NaN from a non-numeric field.
      if (!(start <= end) || (starts.length > 0 && start < starts[starts.length - 1])) {
        throw new Error(`${file} line ${line}: range out of order`);
      }
      starts.push(start);
      ends.push(end);
      countries.push(indexOf(text.slice(c2 + 1, eol).trim()));
    }
    pos = eol + 1;
  }
  return [starts, ends, countries];
}
