export { RequestCounters } from './request-counters.ts';
