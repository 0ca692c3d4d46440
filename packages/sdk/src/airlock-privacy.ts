import { type Consent, createConsent } from './consent/index.ts';
import { createLedger, type Ledger, type LedgerOptions } from './ledger/index.ts';
import type { Sha256 } from './platform/index.ts';
import type { KeyValueStorage } from './storage/index.ts';
import {
  createTelemetry,
  type Telemetry,
  type TelemetryContext,
  type TelemetryOptions,
} from './telemetry/index.ts';
import type { Transport } from './transport/index.ts';

/**
 * The pilot's privacy settings as the app sees them.
 *
 * @example
 * const settings: AirlockSettings = airlock.settings;
 * await settings.ready;
 * if (settings.get().pending.length) askPilot();
 */
export type AirlockSettings = Pick<Consent, 'ready' | 'get' | 'set' | 'onChange'>;
/**
 * What the pilot can do with the ledger.
 *
 * @example
 * const ledger: AirlockLedger = airlock.ledger;
 * const sent = await ledger.list({ category: 'app_performance' });
 * share(await ledger.export());
 */
export type AirlockLedger = Pick<Ledger, 'list' | 'export' | 'clear'>;

/**
 * How `createAirlock`'s `telemetry` option tunes batching: the interval, jitter, queue size and backoff
 * of `createTelemetry`, without its transport and consent (the Airlock's own).
 *
 * @example
 * const telemetry: TelemetryTuning = { flushIntervalMs: 300_000, jitterMs: 60_000, maxQueue: 500 };
 * const airlock = createAirlock({ serverUrl, context, telemetry });
 */
export type TelemetryTuning = Pick<
  TelemetryOptions,
  'flushIntervalMs' | 'jitterMs' | 'maxQueue' | 'maxBackoffMs' | 'random' | 'schedule'
>;

export interface PrivacyParts {
  consent: Consent;
  ledger: Ledger;
  telemetry: Telemetry;
}

/**
 * Ledger and telemetry on the transport whose first hook is `consent.beforeSend`, in the order that
 * makes the promises hold: consent first (nothing is recorded for a request that may not leave), the
 * app's hooks, then the ledger last (nothing recorded can be vetoed afterwards), and the consent
 * gate right before fetch (a setting changed while the ledger was writing still stops the request).
 */
export function assemblePrivacy(
  transport: Transport,
  consent: Consent,
  options: {
    storage: KeyValueStorage;
    now: () => Date;
    context?: TelemetryContext;
    ledger?: Omit<LedgerOptions, 'sha256'>;
    telemetry?: TelemetryTuning;
    sha256?: Sha256;
  },
): PrivacyParts {
  const ledger = createLedger({
    ...options.ledger,
    storage: options.storage,
    now: options.now,
    ...(options.sha256 ? { sha256: options.sha256 } : {}),
  });
  transport.useGate(consent.gate);
  ledger.attachTo(transport);
  const telemetry = createTelemetry({
    ...options.telemetry,
    transport,
    consent,
    storage: options.storage,
    now: options.now,
    ...(options.context ? { context: options.context } : {}),
  });
  return { consent, ledger, telemetry };
}

/** Stand-ins for an Airlock that could not be built: nothing is collected or sent, nothing throws. */
export function inertPrivacy(error: string): {
  settings: AirlockSettings;
  ledger: AirlockLedger;
  telemetry: Telemetry;
} {
  const consent = createConsent({ profile: 'strict' });
  const summary = () => ({
    counts: { invalid: 0, queue_full: 0, consent_off: 0, rejected: 0 },
    recent: [],
  });
  return {
    settings: {
      ready: consent.ready,
      get: consent.get,
      set: async () => ({ ok: false, persisted: false, settings: consent.get(), error }),
      onChange: () => () => false,
    },
    ledger: {
      list: async () => [],
      export: async () => JSON.stringify({ error, entries: [] }),
      clear: async () => false,
    },
    telemetry: {
      ready: Promise.resolve(),
      reportError: () => undefined,
      countFeature: () => undefined,
      recordTiming: () => undefined,
      recordFlight: () => undefined,
      flush: async () => ({ sent: 0, retry: 0, pending: { app_performance: 0, user_experience: 0 } }),
      pending: () => ({ app_performance: 0, user_experience: 0 }),
      dropped: summary,
      stop: () => undefined,
    },
  };
}
