// One audited app session: a fresh SDK (createAirlock) on a fixed clock, pointed at the wire tap, with
// the settings the combination gives. The timeline records which settings were in force from which
// captured request on, so every request is judged by the settings at the moment it crossed.
import {
  type Airlock,
  type BeforeSendHook,
  createAirlock,
  type FetchLike,
  memoryStorage,
} from '@airlock/sdk';
import {
  CONTEXT,
  PLATFORM_USER_AGENT,
  PROXY_CLIENT_IP,
} from '../packages/server/src/telemetry-privacy/scripted-session.ts';

export const SWITCHABLE = ['app_performance', 'user_experience'] as const;
export type Switchable = (typeof SWITCHABLE)[number];
export type Profile = 'reference' | 'strict';

export interface Combination {
  profile: Profile;
  on: Record<Switchable, boolean>;
}

export interface InForce {
  on: Record<Switchable, boolean>;
  offline: boolean;
  /** The pilot pressed Sync: flight logs may leave. */
  syncAsked: boolean;
}

/** From capture index `from` on (within the whole run), `state` was in force. */
export interface TimelineEntry {
  from: number;
  state: InForce;
}

/** A fixed start (2026-05-04 10:00 UTC) and a clock only the scenario moves. */
export const START_MS = Date.UTC(2026, 4, 4, 10, 0, 0);

export interface Session {
  airlock: Airlock;
  clock: { advance(ms: number): void };
  /** Switches a category as the pilot would; the timeline changes before an off takes effect. */
  set(category: Switchable, on: boolean): Promise<void>;
  /** Switches `category` off at the moment its next batch is on its way out (mid-flight). */
  switchOffWhenSending(category: Switchable): void;
  setOffline(offline: boolean): void;
  askSync(asked: boolean): void;
  /** Fires the telemetry timers the SDK scheduled (no wall-clock waits) and flushes. */
  flush(): Promise<void>;
  state(): InForce;
}

export interface SessionOptions {
  url: string;
  combo: Combination;
  capturedCount: () => number;
  timeline: TimelineEntry[];
  /** Test-only tampering (the negative test): wraps the platform fetch. */
  tamper?: (fetch: FetchLike, state: () => InForce) => FetchLike;
}

export async function openSession(options: SessionOptions): Promise<Session> {
  let nowMs = START_MS;
  let state: InForce = { on: { ...options.combo.on }, offline: false, syncAsked: false };
  const mark = (next: InForce) => {
    state = next;
    options.timeline.push({ from: options.capturedCount(), state: next });
  };
  mark(state);
  const timers: Array<() => void> = [];
  let switchTarget: Switchable | null = null;
  let airlock: Airlock | null = null;
  // The platform adds its own User-Agent, a proxy on the way X-Forwarded-For; offline, nothing leaves.
  let platformFetch: FetchLike = (url, init) => {
    if (state.offline) return Promise.reject(new TypeError('fetch failed: offline'));
    return fetch(url, {
      ...init,
      headers: { ...init.headers, 'user-agent': PLATFORM_USER_AGENT, 'x-forwarded-for': PROXY_CLIENT_IP },
    }) as never;
  };
  if (options.tamper) platformFetch = options.tamper(platformFetch, () => state);
  const switchHook: BeforeSendHook = async (record) => {
    if (switchTarget && record.category === switchTarget && airlock) {
      const target = switchTarget;
      switchTarget = null;
      mark({ ...state, on: { ...state.on, [target]: false } });
      await airlock.settings.set({ [target]: false });
    }
    return undefined;
  };
  airlock = createAirlock({
    serverUrl: options.url,
    fetch: platformFetch,
    storage: memoryStorage(),
    profile: options.combo.profile,
    context: CONTEXT,
    now: () => new Date(nowMs),
    // Background checks would race the script; the scenarios check explicitly, as an app would at takeoff.
    autoCheck: false,
    telemetry: {
      flushIntervalMs: 50,
      jitterMs: 50,
      random: () => 0.5,
      schedule: (fn) => {
        timers.push(fn);
        return () => undefined;
      },
    },
    beforeSend: [switchHook],
  });
  const a = airlock;
  await a.settings.ready;
  // The pilot's choices at first start: strict asks (on = agreed); reference is on unless refused.
  const initial: Partial<Record<Switchable, boolean>> = {};
  for (const c of SWITCHABLE) {
    if (options.combo.profile === 'strict' ? options.combo.on[c] : !options.combo.on[c])
      initial[c] = options.combo.on[c];
  }
  await a.settings.set(initial);
  return {
    airlock: a,
    clock: { advance: (ms) => void (nowMs += ms) },
    async set(category, on) {
      if (!on) mark({ ...state, on: { ...state.on, [category]: false } });
      await a.settings.set({ [category]: on });
      if (on) mark({ ...state, on: { ...state.on, [category]: true } });
    },
    switchOffWhenSending(category) {
      switchTarget = category;
    },
    setOffline: (offline) => mark({ ...state, offline }),
    askSync: (asked) => mark({ ...state, syncAsked: asked }),
    async flush() {
      await a.telemetry.ready;
      for (const fire of timers.splice(0)) fire();
      await a.telemetry.flush();
    },
    state: () => state,
  };
}
