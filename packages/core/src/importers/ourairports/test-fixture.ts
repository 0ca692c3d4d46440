/** A small OurAirports extract for tests, with runway ends placed by exact spherical geometry. */
import { destination } from '../../geo/index.ts';
import type { Ends } from './test-probes.ts';

const AIRPORT_HEADER =
  '"id","ident","type","name","latitude_deg","longitude_deg","elevation_ft","continent","iso_country","iso_region",' +
  '"municipality","scheduled_service","icao_code","iata_code","gps_code","local_code","home_link","wikipedia_link","keywords"';
const RUNWAY_HEADER =
  '"id","airport_ref","airport_ident","length_ft","width_ft","surface","lighted","closed","le_ident","le_latitude_deg",' +
  '"le_longitude_deg","le_elevation_ft","le_heading_degT","le_displaced_threshold_ft","he_ident","he_latitude_deg",' +
  '"he_longitude_deg","he_elevation_ft","he_heading_degT","he_displaced_threshold_ft"';

/** A runway of `length` metres on `bearing`, starting at [lon, lat]: [leLon, leLat, heLon, heLat]. */
export function runwayEnds(lon: number, lat: number, length: number, bearing: number): Ends {
  const [lon2, lat2] = destination(lon, lat, length, bearing);
  return [lon, lat, lon2, lat2];
}

/** The large test airport's runway: 3 km on 100°, like Zurich's 10/28. */
export const TEST1_RUNWAY = runwayEnds(8.53, 47.45, 3000, 100);
/** A runway across the antimeridian. */
export const ANTI_RUNWAY = runwayEnds(179.99, -16.7, 2000, 90);
export const SMALL_RUNWAY = runwayEnds(9.2, 46.9, 800, 45);
export const SCHEDULED_RUNWAY = runwayEnds(9.6, 46.5, 1200, 170);

function runway(
  ref: number,
  ident: string,
  closed: 0 | 1,
  le: string,
  he: string,
  ends: Ends | null,
): string {
  const [a, b, c, d] = ends ? ends.map(String) : ['', '', '', ''];
  return `${ref},${ref},"${ident}",9843,148,"ASP",1,${closed},"${le}",${b},${a},,,,"${he}",${d},${c},,,`;
}

/**
 * Lines: 1 header, 2 TEST1, 3–4 heliport (quoted newline in its name), 5 BAD1 (latitude "abc"),
 * 6 BAD2 (longitude 200), 7 CLSD, 8 MED1, 9 SMA1, 10 SMA2, 11 SEA1, 12 BAL1, 13 ANTI.
 */
export const AIRPORTS_CSV = [
  AIRPORT_HEADER,
  '1,"TEST1","large_airport","Testfeld Airport",47.452,8.55,1416,"EU","CH","CH-ZH","Testfeld","yes","LTST","TST","LTST",,,,',
  '2,"HEL1","heliport","Hospital\nHeliport",47.3,8.4,1300,"EU","CH","CH-ZH","Spital","no",,,,,,,',
  '3,"BAD1","small_airport","Bad Latitude",abc,8.4,,"EU","CH",,,"no",,,,,,,',
  '4,"BAD2","small_airport","Bad Longitude",47.1,200,,"EU","CH",,,"no",,,,,,,',
  '5,"CLSD","closed","Closed Field",47.2,8.2,,"EU","CH",,,"no",,,,,,,',
  '6,"MED1","medium_airport","No Runway Ends Airport",46.0,7.0,1500,"EU","CH",,"Nowhere","yes","LMED",,,,,,',
  '7,"SMA1","small_airport","Grass Strip",46.9,9.2,,"EU","CH",,,"no",,,,,,,',
  '8,"SMA2","small_airport","Island Commuter Field",46.5,9.6,,"EU","CH",,,"yes",,,,,,,',
  '9,"SEA1","seaplane_base","Lake Base",45.9,8.9,,"EU",,,,"no",,,,,,,',
  '10,"BAL1","balloonport","Balloon Meadow",45.8,8.8,,"EU","CH",,,"no",,,,,,,',
  '11,"ANTI","medium_airport","Dateline Airport",-16.7,179.999,,"OC","FJ",,,"no",,,,,,,',
].join('\n');

/** Lines: 1 header, 2 TEST1 10/28, 3 TEST1 closed 16/34, 4 CLSD, 5 MED1 (no ends), 6 SMA1, 7 SMA2, 8 ANTI, 9 bad. */
export const RUNWAYS_CSV = [
  RUNWAY_HEADER,
  runway(1, 'TEST1', 0, '10', '28', TEST1_RUNWAY),
  runway(1, 'TEST1', 1, '16', '34', runwayEnds(8.54, 47.46, 3500, 160)),
  runway(5, 'CLSD', 0, '09', '27', runwayEnds(8.19, 47.2, 900, 90)),
  runway(6, 'MED1', 0, '01', '19', null),
  runway(7, 'SMA1', 0, '04', '22', SMALL_RUNWAY),
  runway(8, 'SMA2', 0, '17', '35', SCHEDULED_RUNWAY),
  runway(11, 'ANTI', 0, '09', '27', ANTI_RUNWAY),
  '99,6,"MED1",5000,100,"ASP",1,0,"05",46.0,seven,,,,"23",46.01,7.01,,,',
].join('\n');
