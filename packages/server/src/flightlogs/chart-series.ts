import { type FlightSamples, SAMPLE_CHANNELS, type SampleChannel } from '@airlock/core';

/** Points per chart: more than a screen is wide, a few dozen KB of JSON. */
export const MAX_SERIES_POINTS = 2000;

export interface ChartSeries {
  /** Seconds between points (the sampled grid times the stride). */
  step_s: number | null;
  t_s: number[];
  /** Only channels the log has a value for; null where unknown. */
  channels: Partial<Record<SampleChannel, Array<number | null>>>;
}

/** Short names the API accepts besides the model's own channel names. */
export const SERIES_ALIASES: Record<string, SampleChannel> = {
  altitude: 'alt_rel_m',
  altitude_amsl: 'alt_amsl_m',
  speed: 'h_speed_mps',
  vertical_speed: 'v_speed_mps',
  heading: 'heading_deg',
  battery: 'battery_pct',
  voltage: 'battery_v',
  latitude: 'lat_deg',
  longitude: 'lon_deg',
};

/**
 * The sampled flight thinned to at most MAX_SERIES_POINTS rows by taking every k-th row of the regular
 * grid (the grid is already sample-and-hold, so every point is a real logged value).
 */
export function buildChartSeries(samples: FlightSamples): ChartSeries {
  const n = samples.t_s.length;
  const stride = Math.max(1, Math.ceil(n / MAX_SERIES_POINTS));
  const rows: number[] = [];
  for (let i = 0; i < n; i += stride) rows.push(i);
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  const channels: ChartSeries['channels'] = {};
  for (const ch of SAMPLE_CHANNELS) {
    const col = samples[ch];
    if (!col.some(Number.isFinite)) continue;
    const digits = ch === 'lat_deg' || ch === 'lon_deg' ? 1e7 : 1000;
    channels[ch] = rows.map((i) => (Number.isFinite(col[i]) ? Math.round(col[i] * digits) / digits : null));
  }
  return {
    step_s: n > 1 ? r3((samples.t_s[1] - samples.t_s[0]) * stride) : null,
    t_s: rows.map((i) => r3(samples.t_s[i])),
    channels,
  };
}

/** Resolves requested field names (model names or aliases); unknown names are reported, not ignored. */
export function resolveSeriesFields(fields: string[]): { channels: SampleChannel[]; unknown: string[] } {
  const channels: SampleChannel[] = [];
  const unknown: string[] = [];
  for (const f of fields) {
    const ch = (SAMPLE_CHANNELS as readonly string[]).includes(f) ? (f as SampleChannel) : SERIES_ALIASES[f];
    if (ch) channels.push(ch);
    else unknown.push(f);
  }
  return { channels, unknown };
}
