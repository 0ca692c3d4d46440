export { parseGpx } from './parse-gpx.ts';
