// The flight scenarios the audit drives, each on a fresh SDK for every setting combination. They use
// the SDK's public API only, as a flight app would, and put personal data where an app might (error
// messages and stacks with an e-mail, a home path, a position, a device id): none of it may leave.
import { DEVICE_IDS, PILOT_EMAIL, PLACES, track } from './places.ts';
import type { Session, Switchable } from './session.ts';

export interface Scenario {
  name: string;
  /** The app's location-privacy mechanism for this scenario; default 'cell'. */
  mechanism?: 'uniform';
  run(s: Session): Promise<void>;
}

class QueuedAtSwitchError extends Error {
  override name = 'QueuedAtSwitchError';
}

function errorWithPersonalData(): Error {
  const [home] = PLACES;
  const text = `no tiles for ${PILOT_EMAIL} on device ${DEVICE_IDS[0]} at ${home.lat}, ${home.lon}`;
  const e = new RangeError(text);
  e.stack = [
    `RangeError: ${text}`,
    '    at loadTiles (file:///Users/alice/DroneFly/src/map/tiles.js:88:13)',
    `    at openMap (file:///data/user/0/${DEVICE_IDS[1]}/map-screen.js:21:5)`,
  ].join('\n');
  return e;
}

const at = (i: number) => ({ lon: PLACES[i].lon, lat: PLACES[i].lat, accuracyM: 4 });

export const SCENARIOS: Scenario[] = [
  {
    name: 'app start',
    async run(s) {
      s.airlock.telemetry.recordTiming('app.startup', 1850);
      s.airlock.telemetry.countFeature('map.open');
      await s.airlock.region();
      await s.flush();
    },
  },
  {
    name: 'location checks at several places and both sides of a cell edge',
    async run(s) {
      for (let i = 0; i < PLACES.length; i++) {
        await s.airlock.checkLocation(at(i));
        s.clock.advance(60_000);
      }
    },
  },
  {
    name: 'warnings at 10 Hz along a short track',
    async run(s) {
      await s.airlock.checkLocation(at(0));
      for (const [i, p] of track().entries()) {
        s.clock.advance(100);
        s.airlock.warnings({ ...p, altAglM: 40, speedMps: 8, headingDeg: 70, time: new Date(0 + i) });
      }
      s.airlock.telemetry.recordTiming('map.render', 420);
      await s.flush();
    },
  },
  {
    name: 'telemetry events with personal data in errors',
    async run(s) {
      s.airlock.telemetry.reportError(errorWithPersonalData());
      s.airlock.telemetry.reportError(errorWithPersonalData(), { crash: true });
      s.airlock.telemetry.countFeature('zone.details');
      s.airlock.telemetry.countFeature('settings.open');
      s.airlock.telemetry.recordTiming('location.check', 640);
      await s.flush();
    },
  },
  {
    name: 'flight summary',
    async run(s) {
      s.airlock.telemetry.recordFlight({ durationS: 734, distanceM: 1800, photos: 12, videos: 1 });
      await s.flush();
    },
  },
  {
    name: 'a category switched off mid-flight (queued data dropped)',
    async run(s) {
      s.airlock.telemetry.recordFlight({ durationS: 2400, distanceM: 7200, photos: 80, videos: 9 });
      s.airlock.telemetry.countFeature('media.share');
      s.airlock.telemetry.reportError(new QueuedAtSwitchError('queued'), { crash: true });
      // The first category that is on goes off just as its batch leaves; the gate must stop it.
      const target = (['app_performance', 'user_experience'] as Switchable[]).find((c) => s.state().on[c]);
      if (target) s.switchOffWhenSending(target);
      await s.flush();
      s.clock.advance(60_000);
      s.airlock.telemetry.countFeature('settings.open');
      s.airlock.telemetry.recordFlight({ durationS: 200, distanceM: 300, photos: 2, videos: 0 });
      await s.flush();
      // Back on: only data recorded after this may leave.
      if (target) await s.set(target, true);
      s.airlock.telemetry.countFeature('map.open');
      await s.flush();
    },
  },
  {
    name: 'offline, then online',
    async run(s) {
      await s.airlock.checkLocation(at(1));
      s.setOffline(true);
      s.clock.advance(120_000);
      await s.airlock.checkLocation(at(1));
      s.airlock.telemetry.countFeature('map.open');
      s.airlock.telemetry.recordFlight({ durationS: 300, distanceM: 900, photos: 0, videos: 1 });
      await s.flush();
      s.setOffline(false);
      s.clock.advance(120_000);
      await s.flush();
    },
  },
  {
    name: 'a recorded flight stays on the device until Sync is asked',
    async run(s) {
      s.airlock.recorder.start({ aircraft: 'Quad X4', app: 'DroneFly 2.4.1' });
      for (const p of track().slice(0, 50)) {
        s.clock.advance(100);
        s.airlock.recorder.sample({ ...p, fixOk: true, altRelM: 40, hSpeedMps: 8 });
      }
      await s.airlock.recorder.stop();
      await s.flush();
      // Sync asked without a signed-in pilot: the SDK has nowhere to send it and sends nothing.
      await s.askSync(true);
      await s.airlock.sync('all');
      await s.askSync(false);
    },
  },
  {
    name: 'a signed-in pilot syncs one of two recorded flights; telemetry and location checks stay anonymous',
    async run(s) {
      await s.signIn();
      const flights: string[] = [];
      // Three times there and back along the track (~9 KB: three PATCHes), then a short hop.
      const back = [...track(), ...track().reverse()];
      const legs = [[...back, ...back, ...back], track().slice(0, 50)];
      for (const [n, part] of legs.entries()) {
        s.airlock.recorder.start({ aircraft: 'Quad X4', app: 'DroneFly 2.4.1' });
        for (const p of part) {
          s.clock.advance(100);
          s.airlock.recorder.sample({ ...p, fixOk: true, altRelM: 40 + n, hSpeedMps: 8 });
        }
        const stopped = await s.airlock.recorder.stop();
        if (stopped.id) flights.push(stopped.id);
        s.clock.advance(600_000);
      }
      // Signed in, Sync not pressed: nothing of the flights leaves, and nothing else carries the session.
      s.airlock.telemetry.recordFlight({ durationS: 6, distanceM: 50, photos: 1, videos: 0 });
      s.airlock.telemetry.countFeature('logbook.open');
      await s.airlock.checkLocation(at(1));
      await s.flush();
      // The pilot presses Sync for the first flight only (it goes up in 4 KiB PATCHes).
      await s.askSync(true, flights.slice(0, 1));
      const report = await s.airlock.sync(flights.slice(0, 1));
      await s.askSync(false);
      // A Sync that failed would leave nothing to judge: the scenario did not run as written.
      if (report.results[0]?.status !== 'uploaded')
        throw new Error(`the audit's Sync did not upload: ${JSON.stringify(report)}`);
      await s.deleteAccount();
    },
  },
  {
    name: 'location checks with the uniform mechanism (a fresh point within 10 km each time)',
    mechanism: 'uniform',
    async run(s) {
      for (let i = 0; i < PLACES.length; i++) {
        s.at(at(i));
        await s.airlock.checkLocation(at(i), { refresh: true });
        s.clock.advance(60_000);
      }
      s.at(at(0));
      await s.airlock.region({ gps: at(0) });
      await s.flush();
    },
  },
];
