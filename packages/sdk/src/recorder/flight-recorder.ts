import { concat } from '@airlock/core/bytes';
import type { FlightEventKind } from '@airlock/core/flightlog';
import {
  type AirlockSample,
  encodeAirlockEnd,
  encodeAirlockEvent,
  encodeAirlockHeader,
  encodeAirlockInfo,
  encodeAirlockMode,
  encodeAirlockSamples,
} from '@airlock/core/flightlog/formats/airlock';
import { randomBytes } from '../platform/index.ts';
import { type AppendStore, attemptStore } from './append-store.ts';
import { createFlightLibrary, type FlightLibrary, RECORDING_SUFFIX } from './flight-library.ts';
import { type RecorderSample, timeOf, toAirlockSample } from './recorder-sample.ts';

/**
 * What `createFlightRecorder` takes: the store the recordings go to, and how often buffered samples are
 * written (the most a kill of the app can lose).
 *
 * @example
 * const options: FlightRecorderOptions = { store: fileStore, flushIntervalMs: 1000, maxChunkSamples: 50 };
 * const recorder = createFlightRecorder(options);
 */
export interface FlightRecorderOptions {
  /** Where recordings (and imported logs) are kept. */
  store: AppendStore;
  now?: () => Date;
  /** Buffered samples are written at least this often: the most a kill can lose, ms; default 1000. */
  flushIntervalMs?: number;
  /** ...and after at most this many samples; default 50. */
  maxChunkSamples?: number;
}

/**
 * What the recorder is doing, for a status line.
 *
 * @example
 * const s: RecorderState = airlock.recorder.state();
 * statusLine(s.recording ? `REC ${s.samples} samples, ${s.bytesWritten} B` : 'not recording', s.error);
 */
export interface RecorderState {
  recording: boolean;
  /** The flight being recorded, or null. */
  id: string | null;
  samples: number;
  /** Bytes handed to the store for this flight. */
  bytesWritten: number;
  /** The last store failure (the recording goes on; what that write held is lost). */
  error?: string;
}

/**
 * What `stop()` resolves to: the recording's id, samples and bytes written, and the last store failure.
 *
 * @example
 * const result: RecordingResult = await airlock.recorder.stop();
 * if (result.error) warn(`Part of the recording was not written: ${result.error}`);
 */
export interface RecordingResult {
  id: string | null;
  samples: number;
  bytes: number;
  error?: string;
}

/**
 * Records flights on the device in AFLR (docs/formats/airlock-flight-record.md) and keeps the logs the
 * app imports; sends nothing. `airlock.recorder` is one.
 *
 * @example
 * const recorder: FlightRecorder = airlock.recorder;
 * const id = recorder.start({ aircraft: 'Quad X4', app: 'MyFlightApp 2.1' });
 * recorder.sample({ lat: 47.3769, lon: 8.5417, altRelM: 42.5, hSpeedMps: 6.1, mode: 'POSCTL' });
 * recorder.event('photo');
 * await recorder.stop();
 */
export interface FlightRecorder extends FlightLibrary {
  /** Starts a new recording (stopping one in progress) and returns its id. */
  start(info?: { aircraft?: string; app?: string }): string;
  /** Records one state of the aircraft; cheap enough for 10 Hz and more. Ignored when not recording. */
  sample(sample: RecorderSample): void;
  /** A photo, a video start/stop, a warning...: written at once. */
  event(kind: FlightEventKind, text?: string, time?: Date | number): void;
  /** Writes what is buffered now. */
  flush(): Promise<void>;
  /** Writes the rest and closes the recording. */
  stop(): Promise<RecordingResult>;
  state(): RecorderState;
}

interface Recording {
  id: string;
  startMs: number;
  samples: AirlockSample[];
  records: Uint8Array[];
  chunkStartMs: number;
  lastMs: number;
  mode: string | null;
  count: number;
  bytes: number;
}

/**
 * Records flights on the device in AFLR (docs/formats/airlock-flight-record.md): a header and info
 * record when the flight starts, then one append per chunk of samples (every second by default) and
 * per event, then an end record. Nothing here sends anything: recordings leave only through Sync.
 * Never throws: store failures show in `state().error`.
 *
 * @example
 * const recorder = createFlightRecorder({ store: memoryAppendStore() });
 * const id = recorder.start({ aircraft: 'Quad X4' });
 * onTelemetry((t) => recorder.sample({ time: t.time, lat: t.lat, lon: t.lon, altRelM: t.alt, batteryPct: t.battery }));
 * const { samples, bytes } = await recorder.stop();
 */
export function createFlightRecorder(options: FlightRecorderOptions): FlightRecorder {
  const now = options.now ?? (() => new Date());
  const flushMs = positive(options.flushIntervalMs, 1000);
  const maxChunk = Math.max(1, Math.floor(positive(options.maxChunkSamples, 50)));
  const store = options.store;
  let current: Recording | null = null;
  let lastError: string | undefined;
  let writing: Promise<void> = Promise.resolve();
  const library = createFlightLibrary(store, () => current?.id ?? null);

  /** Appends in call order; a failed append is reported, never retried (a retry could duplicate). */
  function write(rec: Recording, bytes: Uint8Array): Promise<void> {
    rec.bytes += bytes.length;
    writing = writing.then(async () => {
      const r = await attemptStore('append', () => store.append(rec.id, bytes));
      if (!r.ok) lastError = r.error;
    });
    return writing;
  }

  function flushNow(rec: Recording): Promise<void> {
    const parts = rec.samples.length > 0 ? [encodeAirlockSamples(rec.samples), ...rec.records] : rec.records;
    rec.samples = [];
    rec.records = [];
    if (parts.length === 0) return writing;
    // One append per flush: a kill tears at most this one, and the reader drops a torn tail.
    return write(rec, concat(...parts));
  }

  function elapsed(rec: Recording, time: Date | number | undefined): number {
    const ms = timeOf(time) ?? now().getTime();
    return Math.max(0, Math.round(ms - rec.startMs));
  }

  function stopCurrent(): Promise<RecordingResult> {
    const rec = current;
    if (!rec) return Promise.resolve({ id: null, samples: 0, bytes: 0 });
    current = null;
    rec.records.push(encodeAirlockEnd(Math.max(rec.lastMs, elapsed(rec, undefined))));
    return flushNow(rec).then(() => ({
      id: rec.id,
      samples: rec.count,
      bytes: rec.bytes,
      ...(lastError ? { error: lastError } : {}),
    }));
  }

  return {
    ...library,
    start(info = {}) {
      void stopCurrent();
      const startMs = now().getTime();
      lastError = undefined;
      const rec: Recording = {
        id: recordingId(startMs),
        startMs,
        samples: [],
        records: [],
        chunkStartMs: 0,
        lastMs: 0,
        mode: null,
        count: 0,
        bytes: 0,
      };
      current = rec;
      const head = encodeAirlockInfo({
        start_ms: startMs,
        aircraft: info.aircraft ?? null,
        app: info.app ?? null,
      });
      void write(rec, concat(encodeAirlockHeader(), head));
      return rec.id;
    },
    sample(sample) {
      const rec = current;
      if (!rec || !sample || typeof sample !== 'object') return;
      try {
        const t = elapsed(rec, sample.time);
        if (typeof sample.mode === 'string' && sample.mode !== rec.mode) {
          rec.mode = sample.mode;
          rec.records.push(encodeAirlockMode(t, sample.mode));
        }
        if (rec.samples.length === 0) rec.chunkStartMs = t;
        rec.samples.push(toAirlockSample(sample, t));
        rec.lastMs = Math.max(rec.lastMs, t);
        rec.count++;
        if (rec.samples.length >= maxChunk || t - rec.chunkStartMs >= flushMs) void flushNow(rec);
      } catch (error) {
        lastError = `sample: ${error instanceof Error ? error.message : String(error)}`;
      }
    },
    event(kind, text, time) {
      const rec = current;
      if (!rec) return;
      try {
        const t = elapsed(rec, time);
        rec.records.push(encodeAirlockEvent(t, kind, typeof text === 'string' ? text : undefined));
        rec.lastMs = Math.max(rec.lastMs, t);
        void flushNow(rec);
      } catch (error) {
        lastError = `event: ${error instanceof Error ? error.message : String(error)}`;
      }
    },
    flush: () => (current ? flushNow(current) : writing),
    stop: stopCurrent,
    state: () => ({
      recording: current !== null,
      id: current?.id ?? null,
      samples: current?.count ?? 0,
      bytesWritten: current?.bytes ?? 0,
      ...(lastError ? { error: lastError } : {}),
    }),
  };
}

/** `flight-20261124-101500-3fa9.aflr`: sorts by time; the random part keeps two same-second starts apart. */
function recordingId(startMs: number): string {
  const iso = new Date(startMs).toISOString();
  const stamp = `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
  return `flight-${stamp}-${randomHex(4)}${RECORDING_SUFFIX}`;
}

function randomHex(n: number): string {
  return Array.from(randomBytes(n), (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, n);
}

function positive(v: number | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}
