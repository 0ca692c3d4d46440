import type { FlightSamples, SampleChannel } from './flight.ts';
import { SAMPLE_CHANNELS } from './flight.ts';

/** Above this many rows the rate is lowered: a bogus timestamp must not allocate gigabytes. */
const MAX_ROWS = 500_000;
/**
 * Nor more rows than a few per sample of the busiest channel: two samples a week apart would otherwise
 * make a 6-million-row grid of NaN (56 MB from a 1 KB file). A 1 Hz GPX needs 10 rows per fix; a
 * sparser source is thinned only where holding its values on a 10 Hz grid added nothing.
 */
const ROWS_PER_SAMPLE = 16;
const MIN_ROW_CAP = 256;

export interface ChannelData {
  t: Float64Array;
  v: Float64Array;
}

/**
 * Puts every channel on one regular grid by sample-and-hold. A value is held until the channel's next
 * sample, but not across a gap longer than max(2 s, 5 × the channel's mean interval): a logging gap
 * shows as NaN in a chart instead of a flat line that never happened.
 */
export function resampleChannels(
  channels: Partial<Record<SampleChannel, ChannelData>>,
  rateHz: number,
): FlightSamples {
  let t0 = Number.POSITIVE_INFINITY;
  let t1 = Number.NEGATIVE_INFINITY;
  let samples = 0;
  for (const ch of Object.values(channels)) {
    if (!ch || ch.t.length === 0) continue;
    samples = Math.max(samples, ch.t.length);
    t0 = Math.min(t0, ch.t[0]);
    t1 = Math.max(t1, ch.t[ch.t.length - 1]);
  }
  if (!(t1 >= t0)) return emptySamples();
  const maxRows = Math.min(MAX_ROWS, Math.max(MIN_ROW_CAP, ROWS_PER_SAMPLE * samples));
  let step = 1 / rateHz;
  let rows = Math.floor((t1 - t0) / step) + 1;
  if (rows > maxRows) {
    step = (t1 - t0) / (maxRows - 1);
    rows = maxRows;
  }
  // Start on a multiple of the step so two files of one flight share grid times.
  const start = Math.floor(t0 / step) * step;
  rows = Math.floor((t1 - start) / step) + 1;
  const t_s = new Float64Array(rows);
  for (let i = 0; i < rows; i++) t_s[i] = start + i * step;
  const out = { t_s } as FlightSamples;
  for (const name of SAMPLE_CHANNELS) out[name] = holdOnGrid(channels[name], t_s);
  return out;
}

function holdOnGrid(ch: ChannelData | undefined, grid: Float64Array): Float64Array {
  const out = new Float64Array(grid.length).fill(Number.NaN);
  if (!ch || ch.t.length === 0) return out;
  const { t, v } = ch;
  const n = t.length;
  const meanGap = n > 1 ? (t[n - 1] - t[0]) / (n - 1) : 0;
  const maxHold = Math.max(2, 5 * meanGap);
  let j = -1;
  for (let i = 0; i < grid.length; i++) {
    const g = grid[i];
    while (j + 1 < n && t[j + 1] <= g) j++;
    if (j < 0) continue;
    if (g - t[j] <= maxHold) out[i] = v[j];
  }
  return out;
}

export function emptySamples(): FlightSamples {
  const out = { t_s: new Float64Array(0) } as FlightSamples;
  for (const name of SAMPLE_CHANNELS) out[name] = new Float64Array(0);
  return out;
}
