export { parseEd269 } from './parse-ed269.ts';
