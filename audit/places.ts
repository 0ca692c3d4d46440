// Where the audited pilot flies. Odd last digits on purpose: finding "6.91237" or "46.43381" anywhere
// (the wire, the data dir, a log) can only mean a scenario's position leaked, not a zone of the dataset.
import { cellAt, cellBounds } from '@airlock/core';

export interface Place {
  name: string;
  lon: number;
  lat: number;
}

const MONTREUX: Place = { name: 'montreux', lon: 6.91237, lat: 46.43381 };
const west = cellBounds(cellAt(MONTREUX.lon, MONTREUX.lat))[0];

export const PLACES: Place[] = [
  MONTREUX,
  { name: 'bern', lon: 7.44743, lat: 46.94817 },
  // Either side of the western edge of Montreux's cell: two cells, two requests, one grid line apart.
  { name: 'cell edge, inside', lon: west + 0.0000137, lat: 46.43381 },
  { name: 'cell edge, outside', lon: west - 0.0000137, lat: 46.43381 },
  { name: 'no data (north sea)', lon: 3.21971, lat: 55.61393 },
];

/** A short track at 10 Hz: 20 s east-north-east from Montreux at ~8 m/s, 200 fixes. */
export function track(): Array<{ lon: number; lat: number }> {
  const out: Array<{ lon: number; lat: number }> = [];
  for (let i = 0; i < 200; i++)
    out.push({ lon: MONTREUX.lon + i * 0.0000097, lat: MONTREUX.lat + i * 0.0000031 });
  return out;
}

/** Device identifiers the app knows; none may ever leave or be kept. */
export const DEVICE_IDS = ['9774d56d682e549c', 'A8F2C3D4-1B2E-4F60-9A7B-5C6D7E8F9012'];
export const PILOT_EMAIL = 'pilot.audit@example.com';
