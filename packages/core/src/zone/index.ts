export { FEET_TO_M, formatLimit, limitToMetres, SURFACE, UNLIMITED } from './altitude.ts';
export * from './model.ts';
