// One audited app session: a fresh SDK (createAirlock) on a fixed clock, pointed at the wire tap, with
// the settings the combination gives. The timeline records which settings were in force from which
// captured request on, so every request is judged by the settings at the moment it crossed.
import { createHash } from 'node:crypto';
import { type Mechanism, seededRandom } from '@airlock/core/location-privacy';
import {
  type Airlock,
  type BeforeSendHook,
  createAirlock,
  type FetchLike,
  memoryStorage,
} from '@airlock/sdk';
import { memoryAppendStore } from '@airlock/sdk/recorder';
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
  /** The app holds a session token (given to the SDK for Sync). */
  signedIn: boolean;
  /** The logs the pilot asked Sync to send, by SHA-256 (hex): their name and bytes on the device. */
  syncable: ReadonlyMap<string, { name: string; bytes: Uint8Array }>;
  /** The location-privacy mechanism the app chose. */
  mechanism: Mechanism;
  /** Where the aircraft is, as the scenario said last (judges a uniform point and its radius). */
  position?: { lon: number; lat: number; accuracyM?: number };
}

/** The app's own account calls (not the SDK's): a signed-in pilot, deleted when the session ends. */
export interface PilotAccount {
  token: string;
  delete(): Promise<void>;
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
  /** The pilot presses Sync for `ids` (default every log on the device), or it is over (false). */
  askSync(asked: boolean, ids?: readonly string[]): Promise<void>;
  /** Signs the pilot up and in (the app's call); Sync gets the token. */
  signIn(): Promise<void>;
  /** The pilot deletes the account (the app's call, with the password). */
  deleteAccount(): Promise<void>;
  /** The aircraft is here now: what a uniform point is judged against. */
  at(position: { lon: number; lat: number; accuracyM?: number }): void;
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
  /** The app's location-privacy mechanism; default the SDK's ('cell'). */
  mechanism?: Mechanism;
  /** Opens the pilot's account (sign-up and sign-in straight to the server, not through the tap). */
  openAccount?: () => Promise<PilotAccount>;
}

/** The uniform mechanism's offsets come from this seed, so two audits send the same points. */
const UNIFORM_SEED = 20260504;

export async function openSession(options: SessionOptions): Promise<Session> {
  let nowMs = START_MS;
  let state: InForce = {
    on: { ...options.combo.on },
    offline: false,
    syncAsked: false,
    signedIn: false,
    syncable: new Map(),
    mechanism: options.mechanism ?? 'cell',
  };
  const store = memoryAppendStore();
  let account: PilotAccount | null = null;
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
    flightLogStore: store,
    auth: () => account?.token ?? null,
    // The server's smallest PATCH (4 KiB), so a log of ~10 KB goes up in several, each judged at its offset.
    sync: { chunkBytes: 4096, retryDelayMs: 0 },
    ...(options.mechanism ? { mechanism: options.mechanism, random: seededRandom(UNIFORM_SEED) } : {}),
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
    async askSync(asked, ids) {
      if (!asked) return mark({ ...state, syncAsked: false, syncable: new Map() });
      const recording = a.recorder.state().id;
      const syncable = new Map<string, { name: string; bytes: Uint8Array }>();
      for (const [name, bytes] of store.files)
        if (name !== recording && (!ids || ids.includes(name)))
          syncable.set(createHash('sha256').update(bytes).digest('hex'), { name, bytes: bytes.slice() });
      mark({ ...state, syncAsked: true, syncable });
    },
    async signIn() {
      if (!options.openAccount) throw new Error('this audit run has no server accounts');
      account = await options.openAccount();
      mark({ ...state, signedIn: true });
    },
    async deleteAccount() {
      const gone = account;
      account = null;
      mark({ ...state, signedIn: false });
      await gone?.delete();
    },
    at: (position) => mark({ ...state, position }),
    async flush() {
      await a.telemetry.ready;
      for (const fire of timers.splice(0)) fire();
      await a.telemetry.flush();
    },
    state: () => state,
  };
}
