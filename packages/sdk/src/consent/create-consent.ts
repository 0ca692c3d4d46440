import { type KeyValueStorage, memoryStorage, safeStorage } from '../storage/index.ts';
import {
  type BeforeSendHook,
  DATA_CATEGORIES,
  type DataCategory,
  type SendGate,
  type SendRecord,
} from '../transport/index.ts';
import { categoryPathMismatch } from './category-paths.ts';
import {
  allowsSending,
  type ChoiceState,
  type ConsentState,
  isChoiceState,
  nextState,
} from './consent-state.ts';
import {
  CONSENT_PROFILES,
  type ConsentProfile,
  isSwitchable,
  PRIVACY_DEFAULTS,
  SWITCHABLE_CATEGORIES,
  type SwitchableCategory,
} from './privacy-defaults.ts';

/**
 * One category as the settings screen shows it.
 *
 * @example
 * const { state, allowed, switchable } = airlock.settings.get().categories.user_experience;
 * toggle.checked = allowed;
 * toggle.disabled = !switchable;
 */
export interface CategorySetting {
  state: ConsentState;
  /** Data of the category may leave now without a per-item action of the pilot. */
  allowed: boolean;
  /** The pilot can switch it in settings. */
  switchable: boolean;
  /** The state is the pilot's own choice, not the profile's default. */
  chosenByPilot: boolean;
}

/**
 * The pilot's privacy settings as a settings screen shows them: the profile, whether the stored choices
 * are loaded, each category's state, and the categories still waiting for the pilot's answer.
 *
 * @example
 * const settings: PrivacySettings = airlock.settings.get();
 * for (const [category, s] of Object.entries(settings.categories)) row(category, s.state, s.allowed);
 * if (settings.pending.length) askPilot(settings.pending);
 */
export interface PrivacySettings {
  profile: ConsentProfile;
  /** False until the stored choices are read; until then nothing switchable is sent. */
  loaded: boolean;
  categories: Record<DataCategory, CategorySetting>;
  /** Categories still off only because the pilot has not been asked (the strict profile): ask. */
  pending: SwitchableCategory[];
}

/**
 * `true` agrees, `false` refuses; categories left out keep their state.
 *
 * @example
 * const change: SettingsChange = { app_performance: true, user_experience: false };
 * await airlock.settings.set(change);
 */
export type SettingsChange = Partial<Record<SwitchableCategory, boolean>>;

/**
 * What `settings.set` resolves to: whether the change is in force, whether it was saved, and the
 * settings after it.
 *
 * @example
 * const result: SetResult = await airlock.settings.set({ user_experience: false });
 * if (!result.persisted) toast('Saved for this session only: storage refused the write');
 */
export interface SetResult {
  /** The change was valid and is in force (it takes effect even when saving failed). */
  ok: boolean;
  /** The choice is in the app's storage and will survive a restart. */
  persisted: boolean;
  settings: PrivacySettings;
  error?: string;
}

/**
 * Told synchronously, before `set` resolves, so queues are dropped before anything else runs.
 *
 * @example
 * const listener: SettingsListener = (settings, changed) => console.log('changed', changed, settings.pending);
 * const stop = airlock.settings.onChange(listener);
 */
export type SettingsListener = (settings: PrivacySettings, changed: SwitchableCategory[]) => void;

/**
 * What `createConsent` takes: where the choices are kept, and the profile for unchosen categories.
 *
 * @example
 * const options: ConsentOptions = { storage: localStorage, profile: 'strict' };
 * const consent = createConsent(options);
 */
export interface ConsentOptions {
  /** Where the pilot's choices are kept; default in memory (forgotten on restart). */
  storage?: KeyValueStorage;
  /** Defaults for categories the pilot has not chosen; default 'reference'. */
  profile?: ConsentProfile;
  /** Default 'airlock.consent.v1'. */
  storageKey?: string;
}

/**
 * The pilot's consent on its own (`createAirlock` builds one): settings, change events, and the hook and
 * gate that keep the transport to them.
 *
 * @example
 * const consent: Consent = createConsent({ storage: localStorage, profile: 'strict' });
 * transport.useBeforeSend(consent.beforeSend);
 * transport.useGate(consent.gate);
 * consent.allows('app_performance'); // false until the pilot agrees
 */
export interface Consent {
  /** Resolves once the stored choices are read (never rejects). */
  readonly ready: Promise<void>;
  get(): PrivacySettings;
  set(change: SettingsChange): Promise<SetResult>;
  onChange(listener: SettingsListener): () => void;
  /** Whether data of `category` may leave right now (media and flight logs: only with `userAction`). */
  allows(category: DataCategory, options?: { userAction?: boolean }): boolean;
  /** The transport hook: waits for the stored choices, then vetoes what is not allowed. */
  beforeSend: BeforeSendHook;
  /** The transport gate: the same decision, re-taken at the moment the request leaves. */
  gate: SendGate;
}

/**
 * The consent state machine for the five categories, persisted through the app's storage. A change
 * is in force the moment `set` is called: listeners (the telemetry queue) hear of it synchronously
 * and the transport's gate refuses from then on; saving follows.
 *
 * @example
 * const consent = createConsent({ storage: localStorage, profile: 'strict' });
 * await consent.ready;
 * await consent.set({ app_performance: true });
 * consent.allows('app_performance'); // true
 * consent.allows('media'); // false: media leaves only with userAction
 */
export function createConsent(options: ConsentOptions = {}): Consent {
  const profile: ConsentProfile = options.profile === 'strict' ? 'strict' : 'reference';
  const key = options.storageKey ?? 'airlock.consent.v1';
  const storage = safeStorage(options.storage ?? memoryStorage());
  const choices: Record<SwitchableCategory, ChoiceState> = {
    app_performance: 'unset',
    user_experience: 'unset',
  };
  const decidedThisSession = new Set<SwitchableCategory>();
  const listeners = new Set<SettingsListener>();
  let loaded = false;
  let saving: Promise<unknown> = Promise.resolve();

  const allowedNow = (c: SwitchableCategory) =>
    loaded && allowsSending(choices[c], CONSENT_PROFILES[profile][c]);

  function snapshot(): PrivacySettings {
    const categories = {} as Record<DataCategory, CategorySetting>;
    for (const c of DATA_CATEGORIES) {
      const policy = PRIVACY_DEFAULTS[c];
      if (isSwitchable(c)) {
        categories[c] = {
          state: choices[c],
          allowed: allowedNow(c),
          switchable: true,
          chosenByPilot: choices[c] !== 'unset',
        };
      } else {
        categories[c] = {
          state: policy.control === 'always' ? 'always' : 'manual',
          allowed: policy.control === 'always',
          switchable: false,
          chosenByPilot: false,
        };
      }
    }
    const pending = SWITCHABLE_CATEGORIES.filter(
      (c) => choices[c] === 'unset' && !CONSENT_PROFILES[profile][c],
    );
    return { profile, loaded, categories, pending };
  }

  function tell(changed: SwitchableCategory[]): void {
    if (changed.length === 0) return;
    const settings = snapshot();
    for (const listener of [...listeners]) {
      try {
        listener(settings, changed);
      } catch {
        // A listener's failure must not undo or delay a privacy choice.
      }
    }
  }

  const ready = (async () => {
    const before = { ...choices };
    const stored = await storage.get(key);
    if (stored.ok && stored.value) {
      try {
        const parsed = JSON.parse(stored.value) as { choices?: Record<string, unknown> };
        for (const c of SWITCHABLE_CATEGORIES) {
          const value = parsed.choices?.[c];
          // A choice made while loading is newer than the stored one.
          if (!decidedThisSession.has(c) && isChoiceState(value)) choices[c] = value;
        }
      } catch {
        // Unreadable settings are treated as never chosen: the profile's default, nothing more.
      }
    }
    loaded = true;
    // Until now nothing switchable was allowed, so every category that is allowed now has changed.
    tell(SWITCHABLE_CATEGORIES.filter((c) => allowedNow(c) || before[c] !== choices[c]));
  })();

  function refusal(record: SendRecord): string | null {
    const mismatch = categoryPathMismatch(record.category, record.url);
    if (mismatch) return mismatch;
    if (consent.allows(record.category, { userAction: record.userAction })) return null;
    if (!loaded) return 'privacy settings are not loaded yet';
    return PRIVACY_DEFAULTS[record.category].control === 'per_action'
      ? `${record.category} leaves the device only on an explicit action of the pilot`
      : `${record.category} is switched off in the privacy settings`;
  }

  const consent: Consent = {
    ready,
    get: snapshot,
    async set(change) {
      const entries = Object.entries(change ?? {}).filter(([, v]) => v !== undefined);
      const bad = entries.find(([c, v]) => !isSwitchable(c) || typeof v !== 'boolean');
      if (bad) {
        const [c] = bad;
        const error = isSwitchable(c)
          ? `${c} must be set to true or false`
          : `${c} cannot be switched: ${PRIVACY_DEFAULTS[c as DataCategory]?.howToStop ?? 'unknown category'}`;
        return { ok: false, persisted: false, settings: snapshot(), error };
      }
      const changed: SwitchableCategory[] = [];
      for (const [c, on] of entries as [SwitchableCategory, boolean][]) {
        const was = allowedNow(c);
        const prior = choices[c];
        choices[c] = nextState(prior, on ? 'grant' : 'deny');
        decidedThisSession.add(c);
        if (was !== allowedNow(c) || prior !== choices[c]) changed.push(c);
      }
      tell(changed);
      const write = saving.then(async () => {
        await ready;
        const stored: Record<string, ChoiceState> = {};
        for (const c of SWITCHABLE_CATEGORIES) if (choices[c] !== 'unset') stored[c] = choices[c];
        return storage.set(key, JSON.stringify({ v: 1, choices: stored }));
      });
      saving = write;
      const outcome = await write;
      return outcome.ok
        ? { ok: true, persisted: true, settings: snapshot() }
        : { ok: true, persisted: false, settings: snapshot(), error: outcome.error };
    },
    onChange(listener) {
      if (typeof listener !== 'function') return () => false;
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    allows(category, actionOptions) {
      if (isSwitchable(category)) return allowedNow(category);
      const control = PRIVACY_DEFAULTS[category]?.control;
      if (control === 'always') return true;
      return control === 'per_action' && actionOptions?.userAction === true;
    },
    async beforeSend(record) {
      await ready;
      const why = refusal(record);
      return why ? { veto: why } : undefined;
    },
    gate: (record) => refusal(record),
  };
  return consent;
}
