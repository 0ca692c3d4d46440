import {
  FLIGHT_DISTANCE_BUCKETS,
  FLIGHT_DURATION_BUCKETS,
  PHOTO_COUNT_BUCKETS,
  TIMING_BUCKETS,
  VIDEO_COUNT_BUCKETS,
} from './buckets.ts';
import type { FieldDefinition, FieldRegistry, FieldType, TelemetryCategory } from './field-types.ts';

/**
 * Every field has the same expiry so that one review renews (or drops) the lot; the renewal process
 * (a test fails 60 days ahead) is in docs/telemetry.md.
 *
 * @example
 * FIELD_REGISTRY.filter((f) => f.expires === DEFAULT_FIELD_EXPIRY).length; // fields still on the first expiry
 */
export const DEFAULT_FIELD_EXPIRY = '2027-06-30';

/**
 * Operating systems the context may name; anything else is reported as 'other'.
 *
 * @example
 * const os = TELEMETRY_OS_VALUES.includes(platform as TelemetryOs) ? platform : 'other';
 */
export const TELEMETRY_OS_VALUES = ['android', 'ios', 'web', 'windows', 'macos', 'linux', 'other'] as const;
/**
 * An operating system a telemetry context may name.
 *
 * @example
 * const os: TelemetryOs = 'android';
 */
export type TelemetryOs = (typeof TELEMETRY_OS_VALUES)[number];

// Version strings: no spaces, '@', '/' or quotes, so no e-mail, path or sentence fits.
const VERSION: FieldType = { type: 'string', maxLength: 32, pattern: /^[0-9A-Za-z][0-9A-Za-z.+_-]*$/ };
const MODEL: FieldType = { type: 'string', maxLength: 64, pattern: /^[0-9A-Za-z][0-9A-Za-z .,_()+-]*$/ };

function field(
  category: TelemetryCategory,
  kind: FieldDefinition['kind'],
  name: string,
  type: FieldType,
  description: string,
): FieldDefinition {
  return { name, kind, category, type, description, expires: DEFAULT_FIELD_EXPIRY };
}

const context = (category: TelemetryCategory) => [
  field(
    category,
    'context',
    'app_version',
    VERSION,
    'Version of the flight app, to tell which release a count or error belongs to.',
  ),
  field(
    category,
    'context',
    'os',
    { type: 'enum', values: TELEMETRY_OS_VALUES },
    'Operating system family, to split counts and errors by platform.',
  ),
];

/** Feature names counted as app-performance usage statistics: count of uses per report. */
const FEATURES: ReadonlyArray<[string, string]> = [
  ['map.open', 'The airspace map was opened; tells whether pilots use the map before flying.'],
  ['check.location', 'A location check ran (zones and radio rules fetched or served from cache).'],
  ['settings.open', 'The privacy and app settings screen was opened.'],
  ['ledger.open', 'The ledger of sent data was opened; measures interest in the transparency view.'],
  ['ledger.export', 'The ledger was exported by the pilot.'],
  ['logs.sync', 'The pilot pressed Sync to upload chosen flight logs.'],
  ['media.share', 'The pilot shared a photo or video to the community gallery.'],
  ['zone.details', 'The pilot opened the details of a zone on the map.'],
  ['warning.acknowledge', 'The pilot confirmed an enhanced-warning zone before take-off.'],
  [
    'offline.cache_used',
    'A location check was answered from the offline cache because the network was down.',
  ],
];

/** Timings sent as one bucket label each (never a precise duration). */
const TIMINGS: ReadonlyArray<[string, string]> = [
  ['app.startup', 'Time from app launch to the first usable screen.'],
  ['location.check', 'Time for a location check, network included, from request to warnings shown.'],
  ['map.render', 'Time to render the airspace map with its zones.'],
];

/**
 * The declared-field registry: the only telemetry the SDK may send and the server will accept.
 * Each wire field, feature name and timing name is here with a description and an expiry.
 *
 * @example
 * for (const f of FIELD_REGISTRY) row(f.category, f.kind, f.name, f.description, f.expires);
 */
export const FIELD_REGISTRY: FieldRegistry = [
  ...context('app_performance'),
  field(
    'app_performance',
    'context',
    'os_version',
    VERSION,
    'Operating system version, to find OS-specific crashes.',
  ),
  field(
    'app_performance',
    'context',
    'device_model',
    MODEL,
    'Device model (e.g. "Pixel 8"), never the device name or serial, to find device-specific crashes.',
  ),
  field(
    'app_performance',
    'error',
    'error_type',
    { type: 'string', maxLength: 128, pattern: /^[A-Za-z_$<][\w$.:<>-]*(?: [\w$.:<>-]+){0,2}$/ },
    'Class or type of the error (e.g. java.lang.IllegalStateException), to group errors.',
  ),
  field(
    'app_performance',
    'error',
    'fingerprint',
    { type: 'hex', length: 16 },
    'Hash of the error type and top app frames, so equal errors from different devices group together.',
  ),
  field(
    'app_performance',
    'error',
    'stack',
    { type: 'stack', maxLength: 4000 },
    'Stack scrubbed on the device: app frames only, no paths, messages, user strings, tokens, serials or coordinates.',
  ),
  field(
    'app_performance',
    'error',
    'crash',
    { type: 'boolean' },
    'Whether the error ended the app (a crash) or was caught.',
  ),
  ...FEATURES.map(([name, d]) =>
    field('app_performance', 'feature', name, { type: 'integer', min: 1, max: 10_000 }, d),
  ),
  ...TIMINGS.map(([name, d]) =>
    field('app_performance', 'timing', name, { type: 'buckets', buckets: TIMING_BUCKETS }, d),
  ),
  ...context('user_experience'),
  field(
    'user_experience',
    'flight',
    'duration',
    { type: 'buckets', buckets: FLIGHT_DURATION_BUCKETS },
    'How long the flight lasted, bucketed; no start or end time.',
  ),
  field(
    'user_experience',
    'flight',
    'distance',
    { type: 'buckets', buckets: FLIGHT_DISTANCE_BUCKETS },
    'Distance flown, bucketed; no location or track.',
  ),
  field(
    'user_experience',
    'flight',
    'photos',
    { type: 'buckets', buckets: PHOTO_COUNT_BUCKETS },
    'Number of photos taken during the flight, bucketed.',
  ),
  field(
    'user_experience',
    'flight',
    'videos',
    { type: 'buckets', buckets: VIDEO_COUNT_BUCKETS },
    'Number of videos recorded during the flight, bucketed.',
  ),
];

/**
 * The declared feature names (for the SDK's typed `countFeature`).
 *
 * @example
 * DECLARED_FEATURES.includes('map.open'); // true: airlock.telemetry.countFeature('map.open') is accepted
 */
export const DECLARED_FEATURES: readonly string[] = FEATURES.map(([n]) => n);
/**
 * The declared timing names.
 *
 * @example
 * DECLARED_TIMINGS; // ['app.startup', 'location.check', 'map.render']
 */
export const DECLARED_TIMINGS: readonly string[] = TIMINGS.map(([n]) => n);
