import type { ZoneCategory } from '@airlock/core/zone';
import type { Consequence } from './types.ts';

/**
 * The consequence of each category when the zone applies.
 *
 * @example
 * CONSEQUENCE_OF.authorization; // 'unlock_required'
 * CONSEQUENCE_OF.restricted; // 'takeoff_blocked'
 */
export const CONSEQUENCE_OF: Readonly<Record<ZoneCategory, Consequence>> = {
  restricted: 'takeoff_blocked',
  authorization: 'unlock_required',
  enhanced_warning: 'confirmation_required',
  warning: 'information',
  altitude: 'altitude_limited',
  temporary: 'takeoff_blocked',
};

/** Inside an active zone with one of these, the drone may not fly (until unlocked). */
export function blocksFlight(c: Consequence): boolean {
  return c === 'takeoff_blocked' || c === 'unlock_required';
}

/** Approaching an active zone with one of these makes the status 'warning'. */
export function warnsAhead(c: Consequence): boolean {
  return c === 'takeoff_blocked' || c === 'unlock_required' || c === 'confirmation_required';
}
