/**
 * Cuts fuzz seeds from the real sample files. Mutating a 4 MB log a million times would test the
 * machine, not the parser: each seed is a small piece of a real file (a few KB, as a coverage fuzzer's
 * seeds are) that still parses as one: a text file's header and first records plus its closing lines,
 * a binary log thinned to a few records of each kind (ulog-excerpt.ts, record-excerpts.ts).
 */

/** Reads a file under shared/data (the caller brings node:fs; this folder stays free of I/O). */
export type ReadSample = (path: string) => Uint8Array;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The first `bytes` of a file (all of it when smaller). */
export function head(read: ReadSample, path: string, bytes: number): Uint8Array {
  const all = read(path);
  return all.subarray(0, Math.min(all.length, bytes));
}

/** The first `lines` lines and the last `tail` lines of a text file: a short file of the same shape. */
export function shortText(read: ReadSample, path: string, lines: number, tail = 0): Uint8Array {
  const all = decoder.decode(read(path)).split('\n');
  const kept = all.length <= lines + tail ? all : [...all.slice(0, lines), ...all.slice(all.length - tail)];
  return encoder.encode(kept.join('\n'));
}

/** A text file as bytes. */
export function whole(read: ReadSample, path: string): Uint8Array {
  return read(path);
}

/**
 * A JSON file with only the first `count` items of its `key` array (features, zones): the same
 * shapes, fewer repeats of them. Written back with two-space indentation.
 */
export function firstItems(read: ReadSample, path: string, key: string, count: number): Uint8Array {
  const doc = JSON.parse(decoder.decode(read(path))) as Record<string, unknown>;
  const items = doc[key];
  if (!Array.isArray(items)) throw new Error(`${path} has no array "${key}"`);
  return encoder.encode(JSON.stringify({ ...doc, [key]: items.slice(0, count) }, null, 2));
}

/** Separates the two CSVs of an OurAirports seed; a mutation that breaks it leaves runways empty. */
export const RUNWAYS_MARK = '\n#runways.csv\n';

/**
 * OurAirports: the airports of a few idents from airports.csv and their runways from runways.csv, as
 * one input (airports, RUNWAYS_MARK, runways), so one mutation can hit either file.
 */
export function ourAirportsSeed(read: ReadSample, every: number, count: number): Uint8Array {
  const airports = decoder.decode(read('airspace/ourairports/airports.csv')).split('\n');
  const runways = decoder.decode(read('airspace/ourairports/runways.csv')).split('\n');
  const picked: string[] = [airports[0]];
  const idents = new Set<string>();
  for (let i = 1; i < airports.length && picked.length <= count; i += every) {
    const line = airports[i];
    if (!/"(large|medium|small)_airport"/.test(line)) continue;
    picked.push(line);
    idents.add(line.split(',')[1]);
  }
  const ways = [runways[0], ...runways.slice(1).filter((l) => idents.has(l.split(',')[2]))];
  return encoder.encode(`${picked.join('\n')}${RUNWAYS_MARK}${ways.join('\n')}`);
}

/** Header line plus lines [from, from + lines) of a CSV: rows from mid-flight, where GPS has a fix. */
export function csvRows(read: ReadSample, path: string, from: number, lines: number): Uint8Array {
  const all = decoder.decode(read(path)).split('\n');
  return encoder.encode([all[0], ...all.slice(from, from + lines)].join('\n'));
}
