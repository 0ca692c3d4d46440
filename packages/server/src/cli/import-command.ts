import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeIssue, ImportError, ZONE_FORMATS, type ZoneFormat } from '@airlock/core';
import { readMaybeGzip } from '../airspace/index.ts';
import { loadConfig } from '../config/index.ts';
import { createLogger } from '../log/index.ts';
import { openServices } from '../server.ts';
import { type Command, parseCommandArgs, UsageError } from './command.ts';

export const importCommand: Command = {
  name: 'import',
  summary: 'import a zone file (OurAirports, OpenAir, ED-269, ED-318, GeoJSON) as a dataset',
  usage: `airlock import FILE [--format ourairports|openair|ed269|ed318|geojson] [--dataset ID]
                   [--name NAME] [--licence TEXT] [--strict] [--replace]

Parses FILE, stores it in the server's database as dataset ID (default: the file name) and prints
progress, the records skipped (with line or feature number and reason) and the zone counts per category.
--strict fails on the first bad record instead. --replace overwrites a dataset with the same ID
(otherwise datasets are layered: each ID is kept). For OurAirports give airports.csv (runways.csv must be
beside it) or the folder holding both (.csv or .csv.gz).`,
  async run(args, io) {
    const { values, positionals, help } = parseCommandArgs(args, {
      format: { type: 'string' },
      dataset: { type: 'string' },
      name: { type: 'string' },
      licence: { type: 'string' },
      strict: { type: 'boolean' },
      replace: { type: 'boolean' },
    });
    if (help) return (io.out(`${this.usage}\n`), 0);
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE');
    const format = values.format as ZoneFormat | undefined;
    if (format && !ZONE_FORMATS.includes(format))
      throw new UsageError(`--format must be one of ${ZONE_FORMATS.join(', ')}`);
    const files = readSourceFiles(positionals[0], format);
    const id =
      (values.dataset as string | undefined) ??
      basename(positionals[0])
        .replace(/\.(csv|gz|txt|json|geojson|openair)+$/gi, '')
        .replace(/[^A-Za-z0-9._-]/g, '-');
    const config = loadConfig();
    const services = await openServices(config, createLogger('warn'));
    try {
      let last = 0;
      const out = await services.airspace.importDataset({
        id,
        files,
        format: format ?? (files.length > 1 ? 'ourairports' : undefined),
        name: values.name as string | undefined,
        licence: values.licence as string | undefined,
        strict: Boolean(values.strict),
        replace: Boolean(values.replace),
        onProgress: (done, total) => {
          if (done - last >= 5000 || done === total) {
            last = done;
            io.err(`  … ${done}${total ? ` / ${total}` : ''} records\n`);
          }
        },
      });
      for (const issue of out.issues.slice(0, 50)) io.err(`skipped ${describeIssue(issue)}\n`);
      if (out.issues.length > 50) io.err(`… and ${out.issues.length - 50} more skipped\n`);
      const d = out.dataset;
      io.out(
        `${out.changed ? 'imported' : 'unchanged (same content already imported)'} dataset ${d.id} version ${d.version}: ${d.zoneCount} zones, ${out.issues.length} records skipped\n`,
      );
      for (const [cat, n] of Object.entries(d.counts)) io.out(`  ${cat.padEnd(17)} ${n}\n`);
      return 0;
    } catch (e) {
      if (e instanceof ImportError) {
        io.err(`import failed: ${e.message}\n`);
        return 1;
      }
      throw e;
    } finally {
      await services.close();
    }
  },
};

function readSourceFiles(
  path: string,
  format: ZoneFormat | undefined,
): Array<{ name: string; text: string }> {
  if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
  if (statSync(path).isDirectory()) {
    const pick = (stem: string) =>
      readdirSync(path).find((f) => f === `${stem}.csv` || f === `${stem}.csv.gz`);
    const a = pick('airports');
    const r = pick('runways');
    if (!a || !r)
      throw new UsageError(`${path}: a folder must hold airports.csv and runways.csv (or .csv.gz)`);
    return [
      { name: a, text: readMaybeGzip(join(path, a)) },
      { name: r, text: readMaybeGzip(join(path, r)) },
    ];
  }
  const files = [{ name: basename(path), text: readMaybeGzip(path) }];
  if (format === 'ourairports' || /airports\.csv(\.gz)?$/i.test(path)) {
    const dir = dirname(path);
    const r = ['runways.csv', 'runways.csv.gz'].map((f) => join(dir, f)).find(existsSync);
    if (!r) throw new UsageError(`OurAirports needs runways.csv beside ${path}`);
    files.push({ name: basename(r), text: readMaybeGzip(r) });
  }
  return files;
}
