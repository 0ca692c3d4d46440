export { parseAirdataCsv } from './airdata-to-flight.ts';
export { csvRows } from './csv-rows.ts';
export { type Column, parseHeader } from './header-units.ts';
