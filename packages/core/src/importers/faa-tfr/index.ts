export { parseFaaTfr } from './parse-faa-tfr.ts';
