export { OPENAIR_MAX_CHORD_ERROR_M } from './openair-arcs.ts';
export { parseOpenAir } from './parse-openair.ts';
