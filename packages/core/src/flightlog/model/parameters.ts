import type { FlightParameter, FlightParameterChange, FlightParameters } from './flight.ts';

/** Parameter names kept: printable ASCII without spaces, as every autopilot spells them. */
const NAME = /^[\x21-\x7e]{1,64}$/;
/** More than any autopilot has (ArduPilot ~1,500, PX4 ~1,700); a file with more is corrupt or hostile. */
export const MAX_PARAMETERS = 20_000;
/** In-flight changes kept (a tuning session sets a few hundred). */
export const MAX_PARAMETER_CHANGES = 20_000;

/**
 * The shortest decimal that reads back to the same 32-bit float: DataFlash, ULog and MAVLink store
 * parameters as float32, and 0.15f widened to a double is 0.15000000596046448.
 *
 * @example
 * shortestFloat32(Math.fround(0.15)); // 0.15
 */
export function shortestFloat32(v: number): number {
  if (!Number.isFinite(v) || Number.isInteger(v)) return v;
  const f = Math.fround(v);
  for (let p = 1; p <= 9; p++) {
    const d = Number(f.toPrecision(p));
    if (Math.fround(d) === f) return d;
  }
  return f;
}

/** Collects parameters while a log is read (see FlightBuilder.parameter). */
export class ParameterCollector {
  private readonly start = new Map<string, number>();
  private readonly current = new Map<string, number>();
  private readonly defaults = new Map<string, number>();
  private readonly changes: FlightParameterChange[] = [];
  /** Records dropped: a name no autopilot writes, a value that is no number, or over the caps. */
  skipped = 0;

  /** Whether `name` and `value` are a parameter to keep. */
  private valid(name: string, value: number): boolean {
    if (NAME.test(name) && Number.isFinite(value)) return true;
    this.skipped++;
    return false;
  }

  /**
   * A value logged for `name`: the first one is its value at the start; a later different one is a
   * change at `t_s` (NaN when the change has no time: recorded as a start value only if none yet).
   */
  value(name: string, value: number, t_s: number): void {
    if (!this.valid(name, value)) return;
    const now = this.current.get(name);
    if (now === undefined) {
      if (this.start.size >= MAX_PARAMETERS) {
        this.skipped++;
        return;
      }
      this.start.set(name, value);
      this.current.set(name, value);
      return;
    }
    if (now === value) return;
    this.current.set(name, value);
    if (Number.isNaN(t_s)) return;
    if (this.changes.length >= MAX_PARAMETER_CHANGES) this.skipped++;
    else this.changes.push({ t_s, name, value });
  }

  /** A default that is not a number (ArduPilot logs NaN for "none") is no default: not counted. */
  defaultValue(name: string, value: number): void {
    if (!Number.isFinite(value) || !this.valid(name, value)) return;
    if (this.defaults.size < MAX_PARAMETERS) this.defaults.set(name, value);
  }

  build(): FlightParameters {
    const names = [...this.start.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const values: FlightParameter[] = names.map((name) => ({
      name,
      value: this.start.get(name)!,
      default: this.defaults.get(name) ?? null,
    }));
    const changes = [...this.changes].sort((a, b) => a.t_s - b.t_s);
    return { values, changes };
  }
}

/**
 * How the parameters of flight `b` differ from those of flight `a`, each at the start of its flight:
 * names only `b` has (added), names only `a` has (removed), and names whose value differs (changed).
 * Each list is sorted by name.
 *
 * @example
 * const d = diffParameters(before.parameters, after.parameters);
 * for (const c of d.changed) console.log(`${c.name}: ${c.from} → ${c.to}`);
 */
export function diffParameters(a: FlightParameters, b: FlightParameters): ParameterDiff {
  const inA = new Map(a.values.map((p) => [p.name, p.value]));
  const inB = new Map(b.values.map((p) => [p.name, p.value]));
  const added: ParameterDiff['added'] = [];
  const removed: ParameterDiff['removed'] = [];
  const changed: ParameterDiff['changed'] = [];
  for (const [name, value] of inB) if (!inA.has(name)) added.push({ name, value });
  for (const [name, value] of inA) {
    const other = inB.get(name);
    if (other === undefined) removed.push({ name, value });
    else if (other !== value) changed.push({ name, from: value, to: other });
  }
  const byName = (x: { name: string }, y: { name: string }) =>
    x.name < y.name ? -1 : x.name > y.name ? 1 : 0;
  return { added: added.sort(byName), removed: removed.sort(byName), changed: changed.sort(byName) };
}

/**
 * What `diffParameters` answers.
 *
 * @example
 * const { added, removed, changed }: ParameterDiff = diffParameters(a.parameters, b.parameters);
 */
export interface ParameterDiff {
  added: { name: string; value: number }[];
  removed: { name: string; value: number }[];
  changed: { name: string; from: number; to: number }[];
}
