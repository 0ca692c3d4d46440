import type { Applicability, Zone } from '../../zone/index.ts';
import { isTemporary } from '../eurocae/index.ts';
import { BY_NOTAM, parseActivation } from './openair-activation.ts';
import { parseVerticalLimits } from './openair-altitude.ts';
import { categoryFor } from './openair-category.ts';
import type { OpenAirCommand, OpenAirRecord } from './openair-command.ts';
import { atLine, OpenAirError } from './openair-error.ts';
import { ShapeBuilder } from './openair-shape.ts';

/** Attribute commands that may appear once per record, and the property each one fills. */
const SINGLE: Record<string, string> = {
  AN: 'name',
  AL: 'lower',
  AH: 'upper',
  AY: 'type',
  AF: 'frequency',
  AG: 'station',
  AX: 'transponderCode',
  AI: 'identifier',
};
/** Accepted and ignored: label positions and SeeYou/LK8000 pen and brush styling. */
const IGNORED = new Set(['AT', 'SP', 'SB']);

export type ZoneWithoutId = Omit<Zone, 'id'>;

/** The record's AN, for naming it in issues. */
export function recordName(record: OpenAirRecord): string | undefined {
  const name = record.commands.find((c) => c.name === 'AN')?.args.trim();
  return name ? name : undefined;
}

/**
 * Builds the zone for one record, or throws OpenAirError naming the line and the bad value.
 * `identifier` is the record's AI, else its running number, for the caller to turn into an id.
 */
export function buildZone(
  record: OpenAirRecord,
  dataset: string,
): { identifier: string; zone: ZoneWithoutId } {
  const ac = record.commands[0];
  const fields = new Map<string, OpenAirCommand>();
  const windows: Applicability[] = [];
  let byNotam = false;
  const shape = new ShapeBuilder();
  for (const command of record.commands.slice(1)) {
    try {
      byNotam = applyCommand(command, fields, windows, shape) || byNotam;
    } catch (error) {
      throw atLine(error, command.line, command.name);
    }
  }
  const name = required(fields, 'AN', ac.line).args;
  const lowerCmd = required(fields, 'AL', ac.line);
  const upperCmd = required(fields, 'AH', ac.line);
  const { lower, upper } = parseVerticalLimits(lowerCmd, upperCmd);
  let geometry: ReturnType<ShapeBuilder['build']>;
  try {
    geometry = shape.build();
  } catch (error) {
    throw atLine(error, ac.line);
  }

  const text = (key: string) => fields.get(key)?.args || undefined;
  const acClass = ac.args.trim();
  const { category, reasons } = categoryFor(acClass, text('AY'));
  // AA NONE overrides every window: active at unannounced times, so never "off" by our reckoning.
  const applicability: Applicability[] = byNotam ? [{ permanent: false }] : windows;
  const temporary = isTemporary(applicability);
  const properties: Record<string, unknown> = {
    class: acClass,
    lowerRaw: lowerCmd.args,
    upperRaw: upperCmd.args,
  };
  for (const key of ['AY', 'AF', 'AG', 'AX', 'AI']) {
    const value = text(key);
    if (value !== undefined) properties[SINGLE[key]] = value;
  }
  if (byNotam) properties.byNotam = true;
  if (temporary && category !== 'restricted') properties.temporary = true;

  return {
    identifier: text('AI') ?? String(record.index),
    zone: {
      name,
      country: null,
      // A prohibition that only holds between given times is a temporary restriction, as for ED-269.
      category: temporary && category === 'restricted' ? 'temporary' : category,
      reasons,
      volumes: [{ geometry, lower, upper }],
      applicability,
      source: 'openair',
      // The file carries no licence; the server replaces this with the dataset's own.
      licence: 'see dataset',
      dataset,
      properties,
    },
  };
}

/** Applies one command; returns true for `AA NONE`. */
function applyCommand(
  command: OpenAirCommand,
  fields: Map<string, OpenAirCommand>,
  windows: Applicability[],
  shape: ShapeBuilder,
): boolean {
  const { name, args, line } = command;
  if (Object.hasOwn(SINGLE, name)) {
    const earlier = fields.get(name);
    if (earlier) throw new OpenAirError(`${name} given twice (lines ${earlier.line} and ${line})`);
    fields.set(name, command);
    return false;
  }
  if (IGNORED.has(name)) return false;
  switch (name) {
    case 'AA': {
      const window = parseActivation(args);
      if (window === BY_NOTAM) return true;
      windows.push(window);
      return false;
    }
    case 'V':
      shape.setVariable(args);
      return false;
    case 'DP':
      shape.addPoint(args, line);
      return false;
    case 'DA':
      shape.addArcByBearings(args, line);
      return false;
    case 'DB':
      shape.addArcByPoints(args, line);
      return false;
    case 'DC':
      shape.addCircle(args, line);
      return false;
    case 'DY':
      throw new OpenAirError(`DY airway segments are not supported ("DY ${args.trim()}")`);
    default:
      throw new OpenAirError(`unknown command "${name}"`);
  }
}

function required(fields: Map<string, OpenAirCommand>, name: string, line: number): OpenAirCommand {
  const command = fields.get(name);
  if (!command || command.args === '') throw new OpenAirError(`${name} missing (${describe(name)})`, line);
  return command;
}

function describe(name: string): string {
  return name === 'AN' ? 'the airspace name' : name === 'AL' ? 'the lower limit' : 'the upper limit';
}
