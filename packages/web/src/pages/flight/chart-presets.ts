import type { FlightSeries } from '../../api/client.ts';

export type Channel = keyof FlightSeries['channels'];

export interface ChartPreset {
  title: string;
  unit: string;
  lines: { channel: Channel; label: string; colour: string }[];
}

/**
 * The charts a flight page starts with, one per quantity and unit; a chart whose channels the log
 * does not have is left out. Latitude and longitude are the map's.
 */
export const PRESETS: ChartPreset[] = [
  {
    title: 'Altitude above take-off',
    unit: 'm',
    lines: [{ channel: 'alt_rel_m', label: 'Altitude', colour: '#1f5fa8' }],
  },
  {
    title: 'Speed',
    unit: 'm/s',
    lines: [
      { channel: 'h_speed_mps', label: 'Horizontal', colour: '#b4321e' },
      { channel: 'v_speed_mps', label: 'Vertical', colour: '#2a7d3b' },
    ],
  },
  { title: 'Battery', unit: '%', lines: [{ channel: 'battery_pct', label: 'Remaining', colour: '#6b3fa0' }] },
  {
    title: 'Battery voltage',
    unit: 'V',
    lines: [{ channel: 'battery_v', label: 'Voltage', colour: '#8a5a00' }],
  },
  {
    title: 'Sticks',
    unit: '−1 … 1',
    lines: [
      { channel: 'stick_roll', label: 'Roll', colour: '#1f5fa8' },
      { channel: 'stick_pitch', label: 'Pitch', colour: '#b4321e' },
      { channel: 'stick_yaw', label: 'Yaw', colour: '#2a7d3b' },
      { channel: 'stick_throttle', label: 'Throttle', colour: '#6b3fa0' },
    ],
  },
  { title: 'Heading', unit: '°', lines: [{ channel: 'heading_deg', label: 'Heading', colour: '#444444' }] },
  {
    title: 'Altitude above sea level',
    unit: 'm',
    lines: [{ channel: 'alt_amsl_m', label: 'Altitude AMSL', colour: '#1f5fa8' }],
  },
];

/** The presets this flight has data for, each with only the lines it has. */
export function presetsFor(series: FlightSeries): ChartPreset[] {
  return PRESETS.map((p) => ({ ...p, lines: p.lines.filter((l) => series.channels[l.channel]) })).filter(
    (p) => p.lines.length > 0,
  );
}
