import {
  type Airlock,
  createAirlock,
  type LedgerEntry,
  type LocationCheckResult,
  memoryStorage,
  type PrivacySettings,
  type SendRecord,
  type WarningReport,
} from '@airlock/sdk';
import { type FlyPath, TICK_MS } from './fly-sim.ts';

export type Place = { lon: number; lat: number };

/** Everything the page shows, replaced whole on every change (Preact compares by identity). */
export interface FlyView {
  flying: boolean;
  /** Seconds since take-off; null before the first one. */
  tS: number | null;
  position: Place & { altAglM: number };
  report: WarningReport | null;
  check: LocationCheckResult | null;
  /** Location-check requests as they left, newest last. */
  checks: SendRecord[];
  settings: PrivacySettings;
  pending: { app_performance: number; user_experience: number };
  ledger: LedgerEntry[];
}

/**
 * The real SDK (`createAirlock`) against this server, as a flight app in a browser would embed it:
 * its storage in memory (a reload starts clean), telemetry batched every 10 s so the ledger fills
 * while one watches. Nothing here reaches around the SDK: the requests, the ledger, the consent and
 * the queues on screen are the SDK's own. `path` is the simulated flight or a synced log replayed.
 */
export function createFlySession(onView: (v: FlyView) => void, path: FlyPath) {
  const { home } = path;
  const airlock: Airlock = createAirlock({
    serverUrl: location.origin,
    storage: memoryStorage(),
    context: { app_version: '1.0.0', os: 'web', os_version: 'console', device_model: 'Browser' },
    telemetry: { flushIntervalMs: 10_000, jitterMs: 2_000 },
  });
  let view: FlyView = {
    flying: false,
    tS: null,
    position: { ...home, altAglM: 0 },
    report: null,
    check: null,
    checks: [],
    settings: airlock.settings.get(),
    pending: airlock.telemetry.pending(),
    ledger: [],
  };
  const update = (change: Partial<FlyView>) => {
    view = { ...view, ...change, pending: airlock.telemetry.pending() };
    onView(view);
  };
  const refreshLedger = async () => update({ ledger: await airlock.ledger.list() });

  let timer: ReturnType<typeof setInterval> | undefined;
  let ledgerTimer: ReturnType<typeof setTimeout> | undefined;
  const stopSend = airlock.onSend((r) => {
    if (r.category === 'location_check') update({ checks: [...view.checks, r] });
    // The ledger records the answer's status after it comes back: read it again shortly after.
    clearTimeout(ledgerTimer);
    ledgerTimer = setTimeout(refreshLedger, 150);
    void refreshLedger();
  });
  const stopSettings = airlock.settings.onChange((settings) => update({ settings }));
  airlock.telemetry.countFeature('map.open');
  queueMicrotask(() => update({}));
  // The SDK queues telemetry asynchronously (after its stored queues are read) and says nothing when
  // it has: look at the queue sizes twice a second, as a settings screen would.
  const queueWatch = setInterval(() => {
    const p = airlock.telemetry.pending();
    if (
      p.app_performance !== view.pending.app_performance ||
      p.user_experience !== view.pending.user_experience
    )
      update({});
  }, 500);

  /** Ends the flight; its summary (bucketed, day only) joins the user-experience queue. */
  function land(distanceM?: number, tS?: number) {
    if (!view.flying) return;
    clearInterval(timer);
    const duration = tS ?? view.tS ?? 0;
    const flown = distanceM ?? path.at(duration).distanceM;
    airlock.telemetry.recordFlight({ durationS: duration, distanceM: flown, photos: 0, videos: 0 });
    update({ flying: false });
  }

  return {
    flying: () => view.flying,
    async takeOff() {
      if (view.flying) return;
      const started = performance.now();
      airlock.telemetry.countFeature('check.location');
      const check = await airlock.checkLocation(home);
      airlock.telemetry.recordTiming('location.check', performance.now() - started);
      update({ check, flying: true, tS: 0 });
      const t0 = performance.now();
      timer = setInterval(() => {
        const tS = (performance.now() - t0) / 1000;
        const { state, distanceM } = path.at(tS);
        const report = airlock.warnings(state);
        update({ tS, report, position: { lon: state.lon, lat: state.lat, altAglM: state.altAglM ?? 0 } });
        if (tS >= path.durationS) land(distanceM, tS);
      }, TICK_MS);
    },
    land: () => land(),
    async setCategory(category: 'app_performance' | 'user_experience', on: boolean) {
      await airlock.settings.set({ [category]: on });
      update({});
    },
    async sendNow() {
      await airlock.telemetry.flush();
      await refreshLedger();
    },
    exportLedger: () => airlock.ledger.export(),
    close() {
      clearInterval(timer);
      clearInterval(queueWatch);
      clearTimeout(ledgerTimer);
      stopSend();
      stopSettings();
      airlock.close();
    },
  };
}

export type FlySession = ReturnType<typeof createFlySession>;
