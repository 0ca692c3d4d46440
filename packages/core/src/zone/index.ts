export * from './model.ts';
export { FEET_TO_M, SURFACE, UNLIMITED, formatLimit, limitToMetres } from './altitude.ts';
