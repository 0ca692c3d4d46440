import type { Readable } from 'node:stream';
import { type ParseArgsConfig, parseArgs } from 'node:util';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Standard input (passwords are read from it when it is not a terminal); process.stdin if absent. */
  in?: Readable;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: Io): Promise<number>;
}

export class UsageError extends Error {}

/** parseArgs with --help handled and unknown flags reported as a usage error. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
): { values: Record<string, string | boolean | undefined>; positionals: string[]; help: boolean } {
  try {
    const r = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    const values = r.values as Record<string, string | boolean | undefined>;
    return { values, positionals: r.positionals, help: Boolean(values.help) };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function numberArg(
  name: string,
  raw: string | boolean | undefined,
  min: number,
  max: number,
): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`${name} must be a number between ${min} and ${max}; got "${raw}"`);
  }
  return n;
}
