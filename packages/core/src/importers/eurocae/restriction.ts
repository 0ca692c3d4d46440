import type { ZoneCategory } from '../../zone/index.ts';
import { FieldError } from './field-error.ts';

/** ED-269 `restriction` and ED-318 `type`, with both spellings of "authorisation". */
export type EurocaeRestriction =
  | 'PROHIBITED'
  | 'REQ_AUTHORISATION'
  | 'CONDITIONAL'
  | 'NO_RESTRICTION'
  | 'USPACE';

const CATEGORY: Record<EurocaeRestriction, ZoneCategory> = {
  PROHIBITED: 'restricted',
  REQ_AUTHORISATION: 'authorization',
  // Flight allowed when the zone's conditions are met: the pilot must read them, so a strong warning.
  CONDITIONAL: 'enhanced_warning',
  NO_RESTRICTION: 'warning',
  // U-space airspace (EU 2021/664) is open to anyone flying through a U-space service provider, which
  // handles network identification and flight authorisation itself: the app informs, it does not
  // block. Clients that want U-space guidance read properties.restriction === 'USPACE'.
  USPACE: 'warning',
};

const ALIASES: Record<string, EurocaeRestriction> = {
  PROHIBITED: 'PROHIBITED',
  REQ_AUTHORISATION: 'REQ_AUTHORISATION',
  REQ_AUTHORIZATION: 'REQ_AUTHORISATION',
  CONDITIONAL: 'CONDITIONAL',
  NO_RESTRICTION: 'NO_RESTRICTION',
  USPACE: 'USPACE',
};

/** Normalises a restriction code; `field` names it in the error ("restriction" or "type"). */
export function parseRestriction(raw: unknown, field: string, allowUspace: boolean): EurocaeRestriction {
  const code = typeof raw === 'string' ? ALIASES[raw.trim().toUpperCase()] : undefined;
  if (!code || (code === 'USPACE' && !allowUspace)) {
    const allowed = Object.keys(ALIASES).filter((k) => allowUspace || k !== 'USPACE');
    throw new FieldError(field, raw, `is not one of ${allowed.join(', ')}`);
  }
  return code;
}

/**
 * The category pilots see. A prohibition that only holds between given dates is what DJI and the FAA
 * call a temporary restriction (TFR), so it gets 'temporary'; other time-limited zones keep their
 * category and are flagged properties.temporary = true by the caller.
 */
export function categoryFor(restriction: EurocaeRestriction, temporary: boolean): ZoneCategory {
  if (temporary && restriction === 'PROHIBITED') return 'temporary';
  return CATEGORY[restriction];
}
