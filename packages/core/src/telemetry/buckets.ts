/**
 * Bucket sets: how a measured value (milliseconds, seconds, metres, a count) becomes the coarse label
 * that is sent. Only labels ever leave the device, so a flight of 734 s and one of 611 s look the same.
 */

/**
 * A named, ordered set of labels; `upperBounds[i]` is the exclusive upper edge of `labels[i]`.
 *
 * @example
 * const set: BucketSet = TIMING_BUCKETS;
 * bucketOf(840, set); // '500ms-1s'
 */
export interface BucketSet {
  readonly id: string;
  /** The unit the bounds are in, for documentation and for `bucketOf` callers. */
  readonly unit: 'ms' | 's' | 'm' | 'count';
  readonly labels: readonly string[];
  /** One fewer than labels: the last label is open-ended. */
  readonly upperBounds: readonly number[];
}

/**
 * The buckets a timing is sent as, from `<100ms` to `>5s`: the precise duration stays on the device.
 *
 * @example
 * bucketOf(840, TIMING_BUCKETS); // '500ms-1s'
 */
export const TIMING_BUCKETS: BucketSet = {
  id: 'timing',
  unit: 'ms',
  labels: ['<100ms', '100-250ms', '250-500ms', '500ms-1s', '1-2s', '2-5s', '>5s'],
  upperBounds: [100, 250, 500, 1000, 2000, 5000],
};

/**
 * The buckets a flight's duration is sent as, from `<1min` to `>30min`.
 *
 * @example
 * bucketOf(734, FLIGHT_DURATION_BUCKETS); // '10-20min'
 */
export const FLIGHT_DURATION_BUCKETS: BucketSet = {
  id: 'flight_duration',
  unit: 's',
  labels: ['<1min', '1-5min', '5-10min', '10-20min', '20-30min', '>30min'],
  upperBounds: [60, 300, 600, 1200, 1800],
};

/**
 * The buckets a flight's distance is sent as, from `<100m` to `>5km`.
 *
 * @example
 * bucketOf(1800, FLIGHT_DISTANCE_BUCKETS); // '1-2km'
 */
export const FLIGHT_DISTANCE_BUCKETS: BucketSet = {
  id: 'flight_distance',
  unit: 'm',
  labels: ['<100m', '100-500m', '500m-1km', '1-2km', '2-5km', '>5km'],
  upperBounds: [100, 500, 1000, 2000, 5000],
};

// Counts are integers, so "1-5" means 1 <= n < 6.
/**
 * The buckets a flight's photo count is sent as, from `0` to `>50`.
 *
 * @example
 * bucketOf(12, PHOTO_COUNT_BUCKETS); // '6-20'
 */
export const PHOTO_COUNT_BUCKETS: BucketSet = {
  id: 'photo_count',
  unit: 'count',
  labels: ['0', '1-5', '6-20', '21-50', '>50'],
  upperBounds: [1, 6, 21, 51],
};

/**
 * The buckets a flight's video count is sent as, from `0` to `>5`.
 *
 * @example
 * bucketOf(1, VIDEO_COUNT_BUCKETS); // '1'
 */
export const VIDEO_COUNT_BUCKETS: BucketSet = {
  id: 'video_count',
  unit: 'count',
  labels: ['0', '1', '2-5', '>5'],
  upperBounds: [1, 2, 6],
};

/**
 * The label of the bucket `value` falls in (lower edge inclusive, upper edge exclusive).
 * Throws a RangeError for NaN or a negative value, which is a bug in the caller, not a measurement.
 *
 * @example
 * bucketOf(734, FLIGHT_DURATION_BUCKETS); // '10-20min'
 * bucketOf(0, PHOTO_COUNT_BUCKETS);       // '0'
 */
export function bucketOf(value: number, buckets: BucketSet): string {
  if (Number.isNaN(value) || value < 0) {
    throw new RangeError(`bucketOf(${buckets.id}): value must be a non-negative number, got ${value}`);
  }
  for (let i = 0; i < buckets.upperBounds.length; i++) {
    if (value < buckets.upperBounds[i]) return buckets.labels[i];
  }
  return buckets.labels[buckets.labels.length - 1];
}

/**
 * A finished flight as the recorder measured it (precise values stay on the device).
 *
 * @example
 * const m: FlightMeasurement = { durationS: 734, distanceM: 1800, photos: 12, videos: 1 };
 * bucketFlight(m); // { duration: '10-20min', distance: '1-2km', photos: '6-20', videos: '1' }
 */
export interface FlightMeasurement {
  durationS: number;
  distanceM: number;
  photos: number;
  videos: number;
}

/**
 * The bucketed summary that is sent for one flight: no time, no place, four coarse labels.
 *
 * @example
 * const sent: BucketedFlight = bucketFlight({ durationS: 734, distanceM: 1800, photos: 12, videos: 1 });
 * // { duration: '10-20min', distance: '1-2km', photos: '6-20', videos: '1' }
 */
export interface BucketedFlight {
  duration: string;
  distance: string;
  photos: string;
  videos: string;
}

/**
 * Buckets a flight's measurements into the summary sent as user-experience data.
 *
 * @example
 * bucketFlight({ durationS: 734, distanceM: 1800, photos: 12, videos: 1 });
 * // { duration: '10-20min', distance: '1-2km', photos: '6-20', videos: '1' }
 */
export function bucketFlight(m: FlightMeasurement): BucketedFlight {
  return {
    duration: bucketOf(m.durationS, FLIGHT_DURATION_BUCKETS),
    distance: bucketOf(m.distanceM, FLIGHT_DISTANCE_BUCKETS),
    photos: bucketOf(m.photos, PHOTO_COUNT_BUCKETS),
    videos: bucketOf(m.videos, VIDEO_COUNT_BUCKETS),
  };
}
