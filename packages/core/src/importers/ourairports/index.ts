export type { CircleRadii } from './dimensions.ts';
export {
  CHORD_ERROR_M,
  CIRCLE_RADII,
  GEO2,
  OURAIRPORTS_LICENCE,
  OURAIRPORTS_SOURCE,
  REDUCED,
} from './dimensions.ts';
export { parseOurAirports } from './parse-our-airports.ts';
export { AIRPORT_COLUMNS, RUNWAY_COLUMNS } from './read-rows.ts';
