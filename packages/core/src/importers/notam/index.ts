export { orderedLimits } from './ordered-limits.ts';
export { parseNotams } from './parse-notam.ts';
export type { QLine } from './q-line.ts';
export { parseQLine } from './q-line.ts';
