import type { FlightBuilder } from '../../model/index.ts';

/** What the record handlers collect while the file is walked; turned into the Flight at the end. */
export class DataFlashState {
  /** Boot time (s) of the first and last timed record; NaN before any. */
  firstTime = Number.NaN;
  lastTime = Number.NaN;
  readonly params = new Map<string, number>();
  readonly texts: { t: number; text: string }[] = [];
  readonly modes: { t: number; mode: number }[] = [];
  readonly rc: { t: number; ch: number[] }[] = [];
  /** Height-above-home sources by priority name, e.g. "POS.RelHomeAlt". */
  readonly relAlt = new Map<string, { t: number[]; v: number[] }>();
  startUnixMs: number | null = null;

  constructor(readonly b: FlightBuilder) {}

  /** Boot seconds → flight seconds (t = 0 at the first timed record). */
  at(bootS: number): number {
    return bootS - this.firstTime;
  }

  time(bootS: number): void {
    if (Number.isNaN(this.firstTime)) this.firstTime = bootS;
    // Records without a clock of their own (MSG, PARM, EV) take the last time seen.
    if (!(bootS < this.lastTime)) this.lastTime = bootS;
  }

  /** The current time for untimed records, in flight seconds. */
  now(): number {
    return Number.isNaN(this.lastTime) ? 0 : this.at(this.lastTime);
  }

  addRelAlt(source: string, t: number, v: number): void {
    let s = this.relAlt.get(source);
    if (!s) {
      s = { t: [], v: [] };
      this.relAlt.set(source, s);
    }
    s.t.push(t);
    s.v.push(v);
  }
}
