/**
 * Shared by the ED-269 and ED-318 importers: the two EUROCAE geo-zone formats carry the same
 * concepts (restriction, reasons, time periods, authorities, limits) with different spellings.
 * Internal to the importers; not part of the package's public API.
 */
export { isTemporary, type ParsedApplicability, parseApplicability, parseYesNo } from './applicability.ts';
export { type ParsedAuthorities, parseAuthorities } from './authority.ts';
export { toAlpha2 } from './country.ts';
export { checkField, FieldError, showValue } from './field-error.ts';
export { toCircle, toMultiPolygon, toPolygon } from './geometry.ts';
export { createIdAllocator } from './ids.ts';
export { type ParsedLimit, parseLimit, parseNumber, parseUnit } from './limits.ts';
export { mapReasons } from './reasons.ts';
export { asRecord } from './record.ts';
export { categoryFor, type EurocaeRestriction, parseRestriction } from './restriction.ts';
export { type LangText, langTexts, pickText } from './text.ts';
export { type BuiltVolume, buildVolume, ellipsoidalPaths } from './volume.ts';
