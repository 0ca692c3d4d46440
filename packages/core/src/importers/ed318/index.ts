export { parseEd318 } from './parse-ed318.ts';
