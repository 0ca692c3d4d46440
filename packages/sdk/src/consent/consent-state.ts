/**
 * The consent state machine of one switchable category:
 *
 *   unset ──grant──▶ granted ◀──grant── denied
 *     └────deny───▶ denied  ◀──deny─── granted
 *
 * `unset` means the pilot has not chosen; what it allows depends on the profile. Nothing leads back
 * to `unset`: once the pilot has chosen, no default, profile change or app update replaces the choice.
 * The fixed categories have one state each: location_check 'always', media and flight_logs 'manual'.
 *
 * @example
 * const state: ChoiceState = airlock.settings.get().categories.app_performance.state as ChoiceState;
 * if (state === 'unset') askPilot(); // never chosen: the profile decides meanwhile
 */
export type ChoiceState = 'unset' | 'granted' | 'denied';
/**
 * The state of any category: a switchable one's `ChoiceState`, `'always'` (the location check) or
 * `'manual'` (media and flight logs: one explicit action per item).
 *
 * @example
 * const states: ConsentState[] = Object.values(airlock.settings.get().categories).map((c) => c.state);
 * // e.g. ['granted', 'unset', 'always', 'manual', 'manual']
 */
export type ConsentState = ChoiceState | 'always' | 'manual';
export type ConsentEvent = 'grant' | 'deny';

// The whole machine as a table, so that "no way back to unset" is visible rather than implied.
const TRANSITIONS: Record<ChoiceState, Record<ConsentEvent, ChoiceState>> = {
  unset: { grant: 'granted', deny: 'denied' },
  granted: { grant: 'granted', deny: 'denied' },
  denied: { grant: 'granted', deny: 'denied' },
};

export function nextState(state: ChoiceState, event: ConsentEvent): ChoiceState {
  return TRANSITIONS[state][event];
}

/** Whether data of the category may leave in `state`, given what the profile says of `unset`. */
export function allowsSending(state: ChoiceState, profileDefault: boolean): boolean {
  return state === 'granted' || (state === 'unset' && profileDefault);
}

export function isChoiceState(value: unknown): value is 'granted' | 'denied' {
  return value === 'granted' || value === 'denied';
}
