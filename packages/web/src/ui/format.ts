// Every number the console shows carries its unit. The API's units are SI (metres, seconds, m/s);
// speeds are shown in km/h too because that is what pilots read on their controllers.

const dash = '—';
const n0 = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const n1 = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const dateTime = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export function duration(s: number | null | undefined): string {
  if (s == null) return dash;
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = String(t % 60).padStart(2, '0');
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min ${sec} s`;
}

export function distance(m: number | null | undefined): string {
  if (m == null) return dash;
  return m >= 1000 ? `${n1.format(m / 1000)} km` : `${n0.format(m)} m`;
}

export function metres(m: number | null | undefined): string {
  return m == null ? dash : `${n1.format(m)} m`;
}

export function speed(mps: number | null | undefined): string {
  return mps == null ? dash : `${n1.format(mps)} m/s (${n0.format(mps * 3.6)} km/h)`;
}

export function percent(p: number | null | undefined): string {
  return p == null ? dash : `${n1.format(p)} %`;
}

export function bytes(b: number): string {
  if (b < 1024) return `${b} B`;
  if (b < 1024 ** 2) return `${n1.format(b / 1024)} KB`;
  return `${n1.format(b / 1024 ** 2)} MB`;
}

/** A UTC time as the pilot's locale writes it, marked UTC (logs carry no time zone). */
export function utc(iso: string | null | undefined): string {
  return iso ? `${dateTime.format(new Date(iso))} UTC` : dash;
}

export function text(s: string | null | undefined): string {
  return s?.trim() ? s : dash;
}

/** Format names as pilots know them. */
export const FORMAT_NAMES: Record<string, string> = {
  ulog: 'PX4 ULog',
  dataflash: 'ArduPilot DataFlash',
  tlog: 'MAVLink tlog',
  'airdata-csv': 'Airdata CSV',
  gpx: 'GPX',
  kml: 'KML',
  'dji-txt': 'DJI flight record',
  airlock: 'Airlock recorder',
};
