export { parseKml } from './parse-kml.ts';
