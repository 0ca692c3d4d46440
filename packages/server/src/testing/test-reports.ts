/** Report builders for the telemetry tests and bench. Test-only. */
import { errorFingerprint, scrubStack } from '@airlock/core';

export const RAW_STACK = `TypeError: Cannot read properties of undefined (reading 'lat') for pilot@example.com at 47.4582, 8.5492
    at renderZones (file:///Users/alice/dronefly/map.js:120:17)
    at MapView.draw (file:///Users/alice/dronefly/map.js:200:3)
    at Array.forEach (<anonymous>)`;

export const SCRUBBED_STACK = scrubStack(RAW_STACK);
export const FINGERPRINT = errorFingerprint('TypeError', SCRUBBED_STACK);

export function appPerformanceReport(day: string, overrides: Record<string, unknown> = {}) {
  return {
    v: 1,
    day,
    context: { app_version: '2.4.1', os: 'android', os_version: '14', device_model: 'Pixel 8' },
    events: [
      {
        kind: 'error',
        error_type: 'TypeError',
        fingerprint: FINGERPRINT,
        stack: SCRUBBED_STACK,
        crash: true,
      },
      { kind: 'feature', name: 'map.open', count: 3 },
      { kind: 'feature', name: 'map.open', count: 2 },
      { kind: 'timing', name: 'app.startup', bucket: '1-2s' },
    ],
    ...overrides,
  };
}

/** An app-performance report with `n` events of every kind, as a flight app would batch a day. */
export function busyReport(day: string, n = 20) {
  const features = ['map.open', 'check.location', 'settings.open', 'ledger.open', 'logs.sync', 'media.share'];
  const buckets = ['<100ms', '100-250ms', '250-500ms', '500ms-1s', '1-2s'];
  const events = Array.from({ length: n }, (_, i) => {
    if (i % 5 === 4)
      return {
        kind: 'error',
        error_type: 'TypeError',
        fingerprint: FINGERPRINT,
        stack: SCRUBBED_STACK,
        crash: false,
      };
    if (i % 2 === 0) return { kind: 'feature', name: features[i % features.length], count: 1 + (i % 4) };
    return { kind: 'timing', name: 'app.startup', bucket: buckets[i % buckets.length] };
  });
  return { ...appPerformanceReport(day), events };
}

export function userExperienceReport(day: string, flights = 2) {
  return {
    v: 1,
    day,
    context: { app_version: '2.4.1', os: 'ios' },
    flights: Array.from({ length: flights }, (_, i) => ({
      duration: i % 2 ? '10-20min' : '<1min',
      distance: '1-2km',
      photos: '6-20',
      videos: '0',
    })),
  };
}
