// Test-only: one app session of a flight app on the SDK, against a real server, as a script.
import type { TelemetryCategory } from '@airlock/core';
import { type Airlock, createAirlock, type FetchLike, memoryStorage } from '@airlock/sdk';

export interface Combination {
  profile: 'reference' | 'strict';
  /** Whether the pilot's setting lets the category out when the session starts. */
  app_performance: boolean;
  user_experience: boolean;
}

export const PLATFORM_USER_AGENT = 'DroneFly/2.4.1 (Pixel 8; Android 14) okhttp/4.12';
export const PROXY_CLIENT_IP = '203.0.113.77';
export const PILOT_START = { lon: 6.9125, lat: 46.4334 };
export const PILOT_LATER = { lon: 7.4474, lat: 46.9481 };
export const CONTEXT = { app_version: '4.2.0', os: 'android', os_version: '14', device_model: 'Pixel 8' };

/**
 * What only the data queued at the moment of the switch contains: names and buckets the script uses
 * nowhere else, so finding one in a captured body means queued data of a switched-off category left.
 */
export const QUEUED_MARKERS: Record<TelemetryCategory, string[]> = {
  app_performance: ['"media.share"', '"location.check"', 'QueuedAtSwitchError'],
  user_experience: ['">30min"', '">5km"', '">50"', '">5"'],
};

class QueuedAtSwitchError extends Error {
  override name = 'QueuedAtSwitchError';
}

/** An error whose message and paths carry exactly what must never leave: e-mail, home path, position. */
function errorWithPersonalData(): Error {
  const e = new RangeError(`no tiles for pilot@example.com at ${PILOT_START.lat}, ${PILOT_START.lon}`);
  e.stack = [
    `RangeError: no tiles for pilot@example.com at ${PILOT_START.lat}, ${PILOT_START.lon}`,
    '    at loadTiles (file:///Users/alice/DroneFly/src/map/tiles.js:88:13)',
    '    at openMap (file:///Users/alice/DroneFly/src/map/map-screen.js:21:5)',
    '    at dispatch (file:///Users/alice/DroneFly/node_modules/react-native/Libraries/x.js:1:1)',
  ].join('\n');
  return e;
}

export interface SessionRun {
  airlock: Airlock;
  /** The category switched off mid-session while its queued data was leaving, if any was on. */
  switched: TelemetryCategory | null;
  /** How many requests the server had received when the switch happened. */
  switchedAtCapture: number | null;
  /** Items of the switched category queued at the switch (> 0, or the test proves nothing). */
  queuedAtSwitch: number;
}

/**
 * A session: app start (settings, a startup timing, features), a location check, the region, errors,
 * features and timings, flight 1 with an automatic (jittered) send, flight 2 with more data queued,
 * then a category switched off at the moment its batch is on its way out (between the consent check
 * and the ledger: the gate must stop it), then more data of every kind and a second location check.
 */
export async function runSession(
  serverUrl: string,
  combo: Combination,
  capturedCount: () => number,
): Promise<SessionRun> {
  const timers: Array<() => void> = [];
  let switchTarget: TelemetryCategory | null = null;
  let switchedAtCapture: number | null = null;
  let airlock: Airlock | null = null;
  // The platform's fetch adds its own User-Agent, and a proxy on the way adds X-Forwarded-For.
  const platformFetch: FetchLike = (url, init) =>
    fetch(url, {
      ...init,
      headers: { ...init.headers, 'user-agent': PLATFORM_USER_AGENT, 'x-forwarded-for': PROXY_CLIENT_IP },
    }) as never;
  airlock = createAirlock({
    serverUrl,
    fetch: platformFetch,
    storage: memoryStorage(),
    profile: combo.profile,
    context: CONTEXT,
    autoCheck: false,
    telemetry: {
      flushIntervalMs: 50,
      jitterMs: 50,
      schedule: (fn) => {
        timers.push(fn);
        return () => undefined;
      },
    },
    beforeSend: [
      async (record) => {
        if (switchTarget && record.category === switchTarget && airlock) {
          const target = switchTarget;
          switchTarget = null;
          switchedAtCapture = capturedCount();
          await airlock.settings.set({ [target]: false });
        }
        return undefined;
      },
    ],
  });
  const a = airlock;
  await a.settings.ready;
  // The pilot's choices at first start: strict asks (on = agreed), reference is on unless refused.
  const initial: Partial<Record<TelemetryCategory, boolean>> = {};
  for (const c of ['app_performance', 'user_experience'] as const) {
    if (combo.profile === 'strict' ? combo[c] : !combo[c]) initial[c] = combo[c];
  }
  await a.settings.set(initial);

  a.telemetry.recordTiming('app.startup', 1850);
  a.telemetry.countFeature('map.open');
  a.telemetry.countFeature('map.open');
  await a.checkLocation({ ...PILOT_START, accuracyM: 4 });
  await a.region();
  a.telemetry.reportError(errorWithPersonalData());
  a.telemetry.countFeature('zone.details');
  a.telemetry.recordTiming('map.render', 420);
  a.telemetry.recordFlight({ durationS: 734, distanceM: 1800, photos: 12, videos: 1 });
  await a.telemetry.ready;
  for (const fire of timers.splice(0)) fire();
  await a.telemetry.flush();

  a.telemetry.recordFlight({ durationS: 2400, distanceM: 7200, photos: 80, videos: 9 });
  a.telemetry.countFeature('media.share');
  a.telemetry.recordTiming('location.check', 6400);
  a.telemetry.reportError(new QueuedAtSwitchError('queued'), { crash: true });
  await new Promise((r) => setTimeout(r, 5));
  // Which one is switched: app performance first under 'reference', user experience first under
  // 'strict', so each category is once switched while the other keeps sending.
  const order: TelemetryCategory[] =
    combo.profile === 'reference'
      ? ['app_performance', 'user_experience']
      : ['user_experience', 'app_performance'];
  const switched = order.find((c) => combo[c]) ?? null;
  const queuedAtSwitch = switched ? a.telemetry.pending()[switched] : 0;
  switchTarget = switched;
  await a.telemetry.flush();

  a.telemetry.countFeature('settings.open');
  a.telemetry.recordTiming('map.render', 90);
  a.telemetry.reportError(errorWithPersonalData(), { crash: true });
  a.telemetry.recordFlight({ durationS: 200, distanceM: 300, photos: 2, videos: 0 });
  await a.checkLocation({ ...PILOT_LATER, accuracyM: 4 });
  for (const fire of timers.splice(0)) fire();
  await a.telemetry.flush();
  a.close();
  return { airlock: a, switched, switchedAtCapture, queuedAtSwitch };
}
