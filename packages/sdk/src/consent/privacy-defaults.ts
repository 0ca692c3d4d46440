import type { DataCategory } from '../transport/index.ts';

/**
 * How a category is controlled: a setting, not at all (always on), or one explicit action per item.
 *
 * @example
 * const control: CategoryControl = PRIVACY_DEFAULTS.media.control; // 'per_action'
 */
export type CategoryControl = 'setting' | 'always' | 'per_action';

/**
 * One row of SPEC.md's table of the five data categories.
 *
 * @example
 * const policy: CategoryPolicy = PRIVACY_DEFAULTS.app_performance;
 * row(policy.title, policy.default, policy.howToStop, policy.whatLeavesTheDevice);
 */
export interface CategoryPolicy {
  readonly title: string;
  /** 'on': sent unless the pilot turns it off; 'always': cannot be off; 'manual': only per action. */
  readonly default: 'on' | 'always' | 'manual';
  readonly control: CategoryControl;
  /** Whether a setting exists that the pilot can turn off. */
  readonly pilotCanSwitchOff: boolean;
  /** SPEC's "can the pilot turn it off?", as the settings screen may show it. */
  readonly howToStop: string;
  readonly whatLeavesTheDevice: string;
  readonly whatTheServerKeeps: string;
}

/**
 * The five data categories with their defaults, in SPEC.md's words: the one place the SDK's privacy
 * defaults are written down. The consent state machine, the settings screen and the docs read it;
 * nothing else hard-codes a default.
 *
 * @example
 * PRIVACY_DEFAULTS.app_performance.default;          // 'on'
 * PRIVACY_DEFAULTS.location_check.pilotCanSwitchOff; // false
 */
export const PRIVACY_DEFAULTS = {
  app_performance: {
    title: 'App performance data (bug reports, crash reports, usage statistics)',
    default: 'on',
    control: 'setting',
    pilotCanSwitchOff: true,
    howToStop: 'In settings; off means zero bytes, and what is queued is dropped.',
    whatLeavesTheDevice:
      'Identifier-free reports: error type, fingerprint and scrubbed stack (app frames only, no paths or ' +
      'user strings), feature-usage counts, bucketed timings, app and OS version, device model.',
    whatTheServerKeeps:
      'Aggregates only: counters per day and dimension, error groups with counts. No raw rows, no IP, no id.',
  },
  user_experience: {
    title: 'User experience data (per flight: duration, distance, photos and videos taken)',
    default: 'on',
    control: 'setting',
    pilotCanSwitchOff: true,
    howToStop: 'In settings; off means zero bytes, and what is queued is dropped.',
    whatLeavesTheDevice:
      'One summary per flight, every value bucketed; no location, no time finer than the day.',
    whatTheServerKeeps: 'Histograms per day; never linked to a user or a place.',
  },
  location_check: {
    title: 'Location check (geofence zones, temporary restrictions, national radio rules)',
    default: 'always',
    control: 'always',
    pilotCanSwitchOff: false,
    howToStop: 'Only by going offline; the app then says its zone data may be stale.',
    whatLeavesTheDevice:
      'A location no more precise than 10 km from a mechanism that does not erode with repetition ' +
      '(by default the id of a public grid cell); never the raw position.',
    whatTheServerKeeps: 'Nothing per request: no coordinates, no IP in logs; aggregate request counts only.',
  },
  media: {
    title: 'Photos and videos',
    default: 'manual',
    control: 'per_action',
    pilotCanSwitchOff: false,
    howToStop: 'Never shared unless the pilot shares an item; each share is one explicit action.',
    whatLeavesTheDevice: 'Only what the pilot shares; location metadata stripped unless kept on purpose.',
    whatTheServerKeeps: 'The shared item, in the community media store, until the pilot deletes it.',
  },
  flight_logs: {
    title: 'Flight logs (altitude, speed, distance, GPS track, control-stick inputs, events)',
    default: 'manual',
    control: 'per_action',
    pilotCanSwitchOff: false,
    howToStop: 'They stay on the device; upload happens only when the pilot presses Sync.',
    whatLeavesTheDevice: 'The chosen logs, on Sync only.',
    whatTheServerKeeps:
      'Per pilot, encrypted at rest, visible to that pilot alone, exportable and deletable.',
  },
} as const satisfies Record<DataCategory, CategoryPolicy>;

/**
 * The categories the pilot switches in settings: exactly those whose control is 'setting'.
 *
 * @example
 * for (const category of SWITCHABLE_CATEGORIES) addToggle(category); // app_performance, user_experience
 */
export const SWITCHABLE_CATEGORIES = ['app_performance', 'user_experience'] as const;
/**
 * A category the pilot switches in settings: `'app_performance'` or `'user_experience'`.
 *
 * @example
 * const category: SwitchableCategory = 'user_experience';
 * await airlock.settings.set({ [category]: false });
 */
export type SwitchableCategory = (typeof SWITCHABLE_CATEGORIES)[number];

/**
 * Which defaults an app starts from; the pilot's own choices always win over either.
 *
 * @example
 * const profile: ConsentProfile = userInEu ? 'strict' : 'reference';
 * const airlock = createAirlock({ serverUrl, storage: localStorage, profile });
 */
export type ConsentProfile = 'reference' | 'strict';

/**
 * What a switchable category is while the pilot has not chosen: 'reference' follows SPEC.md (on),
 * 'strict' keeps both telemetry categories off until the pilot agrees (opt-in, as EU consent
 * requires when the app relies on consent rather than another basis).
 *
 * @example
 * CONSENT_PROFILES.strict.app_performance; // false
 */
export const CONSENT_PROFILES = {
  reference: { app_performance: true, user_experience: true },
  strict: { app_performance: false, user_experience: false },
} as const satisfies Record<ConsentProfile, Record<SwitchableCategory, boolean>>;

export function isSwitchable(category: string): category is SwitchableCategory {
  return (SWITCHABLE_CATEGORIES as readonly string[]).includes(category);
}
