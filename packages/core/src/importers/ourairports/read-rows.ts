import { type ImportCollector, ImportError } from '../result.ts';
import { type CsvRow, field, readCsvTable } from './csv-table.ts';

/**
 * The columns the importer reads; the bundled snapshot keeps exactly these.
 *
 * @example
 * const header = AIRPORT_COLUMNS.join(','); // the columns of airports.csv the importer reads
 */
export const AIRPORT_COLUMNS = [
  'id',
  'ident',
  'type',
  'name',
  'latitude_deg',
  'longitude_deg',
  'elevation_ft',
  'iso_country',
  'municipality',
  'scheduled_service',
  'icao_code',
  'iata_code',
] as const;
/**
 * The columns of OurAirports' runways.csv the importer reads; the bundled snapshot keeps exactly these.
 *
 * @example
 * const header = RUNWAY_COLUMNS.join(',');
 */
export const RUNWAY_COLUMNS = [
  'airport_ref',
  'airport_ident',
  'closed',
  'le_ident',
  'le_latitude_deg',
  'le_longitude_deg',
  'he_ident',
  'he_latitude_deg',
  'he_longitude_deg',
] as const;
const AIRPORT_REQUIRED = ['ident', 'type', 'latitude_deg', 'longitude_deg'];
const RUNWAY_REQUIRED = ['le_latitude_deg', 'le_longitude_deg', 'he_latitude_deg', 'he_longitude_deg'];

export interface AirportRow {
  /** OurAirports numeric id as text; runways refer to it. */
  id: string;
  ident: string;
  type: string;
  name: string;
  lon: number;
  lat: number;
  elevationFt: number | null;
  country: string | null;
  municipality: string | null;
  scheduled: boolean;
  icao: string | null;
  iata: string | null;
  line: number;
}

export interface RunwayRow {
  /** "10/28"; '' when the source names neither end. */
  ident: string;
  /** [leLon, leLat, heLon, heLat], or null when an end has no coordinates. */
  ends: [number, number, number, number] | null;
}

/** Parses airports.csv; rows with unusable coordinates are skipped through the collector. */
export function readAirports(text: string, collector: ImportCollector): AirportRow[] {
  const t = readCsvTable(text, 'airports.csv', AIRPORT_REQUIRED);
  const [id, ident, type, name, lat, lon, elev, country, muni, sched, icao, iata] = AIRPORT_COLUMNS.map((c) =>
    t.column(c),
  );
  const out: AirportRow[] = [];
  for (const row of t.rows) {
    const code = field(row, ident);
    if (!code) {
      collector.skip({ line: row.line, reason: 'airports.csv: ident is empty' });
      continue;
    }
    const position = readPosition(row, lat, lon);
    if (typeof position === 'string') {
      collector.skip({ line: row.line, record: code, reason: `airports.csv: ${position}` });
      continue;
    }
    const elevation = Number.parseFloat(field(row, elev));
    out.push({
      id: field(row, id),
      ident: code,
      type: field(row, type),
      name: oneLine(field(row, name)),
      lon: position[0],
      lat: position[1],
      elevationFt: Number.isFinite(elevation) ? elevation : null,
      country: readCountry(field(row, country)),
      municipality: oneLine(field(row, muni)) || null,
      scheduled: field(row, sched) === 'yes',
      icao: field(row, icao) || null,
      iata: field(row, iata) || null,
      line: row.line,
    });
  }
  return out;
}

/**
 * Parses runways.csv into runways per airport, keyed `id:<airport_ref>` (else `ident:<airport_ident>`).
 * Closed runways are left out; a runway whose coordinates are present but unusable is skipped.
 */
export function readRunways(text: string, collector: ImportCollector): Map<string, RunwayRow[]> {
  const t = readCsvTable(text, 'runways.csv', RUNWAY_REQUIRED);
  const [ref, apIdent, closed, le, leLat, leLon, he, heLat, heLon] = RUNWAY_COLUMNS.map((c) => t.column(c));
  if (ref < 0 && apIdent < 0) {
    throw new ImportError({ line: 1, reason: 'runways.csv: missing column(s) airport_ref or airport_ident' });
  }
  const byAirport = new Map<string, RunwayRow[]>();
  for (const row of t.rows) {
    if (field(row, closed) === '1') continue;
    const key = field(row, ref) ? `id:${field(row, ref)}` : `ident:${field(row, apIdent)}`;
    const ident = [field(row, le), field(row, he)].filter(Boolean).join('/');
    let ends: RunwayRow['ends'] = null;
    if ([leLat, leLon, heLat, heLon].every((c) => field(row, c) !== '')) {
      const a = readPosition(row, leLat, leLon, 'le_');
      const b = readPosition(row, heLat, heLon, 'he_');
      if (typeof a === 'string' || typeof b === 'string') {
        const record = `${field(row, apIdent) || field(row, ref)} ${ident}`.trim();
        const reason = typeof a === 'string' ? a : (b as string);
        collector.skip({ line: row.line, record, reason: `runways.csv: ${reason}` });
        continue;
      }
      ends = [a[0], a[1], b[0], b[1]];
    }
    const list = byAirport.get(key);
    if (list) list.push({ ident, ends });
    else byAirport.set(key, [{ ident, ends }]);
  }
  return byAirport;
}

/** Names become zone titles; a line break quoted into a CSV field would break them. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** ISO 3166-1 alpha-2 as OurAirports writes it (XK for Kosovo included); anything else is unknown. */
function readCountry(text: string): string | null {
  const code = text.toUpperCase();
  return /^[A-Z]{2}$/.test(code) ? code : null;
}

/** [lon, lat] when both fields are finite numbers in range, else why not (naming the column). */
function readPosition(row: CsvRow, latCol: number, lonCol: number, prefix = ''): [number, number] | string {
  const latText = field(row, latCol);
  const lonText = field(row, lonCol);
  const lat = latText === '' ? Number.NaN : Number(latText);
  const lon = lonText === '' ? Number.NaN : Number(lonText);
  if (!Number.isFinite(lat)) return `${prefix}latitude_deg "${latText}" is not a number`;
  if (!Number.isFinite(lon)) return `${prefix}longitude_deg "${lonText}" is not a number`;
  if (lat < -90 || lat > 90) return `${prefix}latitude_deg ${lat} is outside [-90, 90]`;
  if (lon < -180 || lon > 180) return `${prefix}longitude_deg ${lon} is outside [-180, 180]`;
  return [lon, lat];
}
