import { safeParseEnglish } from '../../schema/index.ts';
import { zoneSchema } from '../../zone/index.ts';
import { createIdAllocator } from '../eurocae/index.ts';
import { ImportCollector, type ImportOptions, type ImportResult } from '../result.ts';
import { type OpenAirCommand, type OpenAirRecord, readCommand } from './openair-command.ts';
import { OpenAirError } from './openair-error.ts';
import { buildZone, recordName } from './openair-record.ts';

const PROGRESS_EVERY_LINES = 1000;
/** Harmless before the first AC: some writers put default styling at the top of the file. */
const IGNORED_OUTSIDE = new Set(['SP', 'SB']);

/**
 * Reads an OpenAir airspace file (WinPilot 1998 format with the Naviter v2 extensions) into zones.
 * Pure: the caller decodes the bytes (UTF-8, or Latin-1 for legacy files) and passes the text.
 * Records start at each AC; arcs and circles inside polygons become vertices no more than
 * OPENAIR_MAX_CHORD_ERROR_M from the true curve, and a record made of one DC stays a Circle. Bad
 * records are skipped with their 1-based line, name and the bad value (or throw in strict mode).
 * `onProgress` receives lines read so far and the line count.
 *
 * @example
 * const { zones, issues } = parseOpenAir(readFileSync('ksgu.txt', 'utf8'), { dataset: 'ksgu' });
 */
export function parseOpenAir(text: string, options: ImportOptions): ImportResult {
  const collector = new ImportCollector(options);
  const allocateId = createIdAllocator(options.dataset);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const stray: OpenAirCommand[] = [];
  let record: OpenAirRecord | undefined;
  let records = 0;

  const finish = (done: OpenAirRecord) => {
    const start = done.commands[0].line;
    try {
      const { identifier, zone } = buildZone(done, options.dataset);
      const candidate = { id: `${options.dataset}:${identifier}`, ...zone };
      const checked = safeParseEnglish(zoneSchema, candidate);
      if (!checked.success) {
        const first = checked.error.issues[0];
        throw new OpenAirError(`zone ${first.path.join('.')} is invalid: ${first.message}`, start);
      }
      collector.add({ ...candidate, id: allocateId(identifier) });
    } catch (error) {
      if (!(error instanceof OpenAirError)) throw error;
      collector.skip({ line: error.line ?? start, record: recordName(done), reason: error.message });
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const command = readCommand(lines[i], i + 1);
    if (command?.name === 'AC') {
      if (record) finish(record);
      else if (stray.length > 0) reportStray(collector, stray);
      record = { index: ++records, commands: [command] };
    } else if (command && record) {
      record.commands.push(command);
    } else if (command && !IGNORED_OUTSIDE.has(command.name)) {
      stray.push(command);
    }
    if ((i + 1) % PROGRESS_EVERY_LINES === 0) collector.progress(i + 1, lines.length);
  }
  if (record) finish(record);
  else if (stray.length > 0) reportStray(collector, stray);
  collector.progress(lines.length, lines.length);
  return collector.result();
}

/**
 * Lines before the first AC belong to no record. They are reported once, not line by line, so a
 * file that is not OpenAir at all (JSON sent to the wrong importer) gives one clear issue.
 */
function reportStray(collector: ImportCollector, stray: readonly OpenAirCommand[]): void {
  const first = stray[0];
  const more =
    stray.length > 1
      ? `; ${stray.length} such lines ignored, up to line ${stray[stray.length - 1].line}`
      : '';
  const shown = `${first.name} ${first.args}`.trim().slice(0, 60);
  collector.skip({
    line: first.line,
    reason: `"${shown}" comes before any AC: every OpenAir record starts with an AC line${more}`,
  });
}
