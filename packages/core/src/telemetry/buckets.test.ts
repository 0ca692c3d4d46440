import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bucketFlight,
  bucketOf,
  FLIGHT_DISTANCE_BUCKETS,
  FLIGHT_DURATION_BUCKETS,
  PHOTO_COUNT_BUCKETS,
  TIMING_BUCKETS,
  VIDEO_COUNT_BUCKETS,
} from './buckets.ts';

test('bucket edges: lower inclusive, upper exclusive, last open-ended', () => {
  assert.equal(bucketOf(0, TIMING_BUCKETS), '<100ms');
  assert.equal(bucketOf(99.9, TIMING_BUCKETS), '<100ms');
  assert.equal(bucketOf(100, TIMING_BUCKETS), '100-250ms');
  assert.equal(bucketOf(999, TIMING_BUCKETS), '500ms-1s');
  assert.equal(bucketOf(5000, TIMING_BUCKETS), '>5s');
  assert.equal(bucketOf(59, FLIGHT_DURATION_BUCKETS), '<1min');
  assert.equal(bucketOf(60, FLIGHT_DURATION_BUCKETS), '1-5min');
  assert.equal(bucketOf(1800, FLIGHT_DURATION_BUCKETS), '>30min');
  assert.equal(bucketOf(499, FLIGHT_DISTANCE_BUCKETS), '100-500m');
  assert.equal(bucketOf(1000, FLIGHT_DISTANCE_BUCKETS), '1-2km');
  assert.equal(bucketOf(1e9, FLIGHT_DISTANCE_BUCKETS), '>5km');
  assert.deepEqual(
    [0, 1, 5, 6, 20, 21, 50, 51].map((n) => bucketOf(n, PHOTO_COUNT_BUCKETS)),
    ['0', '1-5', '1-5', '6-20', '6-20', '21-50', '21-50', '>50'],
  );
  assert.deepEqual(
    [0, 1, 2, 5, 6].map((n) => bucketOf(n, VIDEO_COUNT_BUCKETS)),
    ['0', '1', '2-5', '2-5', '>5'],
  );
  assert.equal(bucketOf(Number.POSITIVE_INFINITY, TIMING_BUCKETS), '>5s');
});

test('bucketOf refuses NaN and negative values', () => {
  assert.throws(() => bucketOf(Number.NaN, TIMING_BUCKETS), /non-negative/);
  assert.throws(() => bucketOf(-1, FLIGHT_DURATION_BUCKETS), /flight_duration/);
});

test('bucketFlight turns measurements into the four labels and nothing else', () => {
  const s = bucketFlight({ durationS: 734, distanceM: 1800, photos: 12, videos: 1 });
  assert.deepEqual(s, { duration: '10-20min', distance: '1-2km', photos: '6-20', videos: '1' });
});
