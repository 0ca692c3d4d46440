/** How every bench reports: progress on stderr, a markdown table on stdout, JSON under bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = join(BENCH_DIR, '..');

/** One progress line on stderr, stamped with seconds since the bench started. */
export function progress(message: string): void {
  process.stderr.write(`[${(performance.now() / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
}

/** A GitHub markdown table; numbers are written as given (format them before). */
export function markdownTable(header: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.map(String).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** What the numbers were measured on: they only mean something side by side in the same run. */
export function machineInfo(): Record<string, string | number> {
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    loadavg1m: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

/** Writes bench/results/<name>.json and returns its path. */
export function writeResults(name: string, data: Record<string, unknown>): string {
  const path = join(BENCH_DIR, 'results', `${name}.json`);
  mkdirSync(dirname(path), { recursive: true });
  const body = { bench: name, date: new Date().toISOString(), machine: machineInfo(), ...data };
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
  return path;
}

/** Fixed decimals, for table cells. */
export function fmt(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}
