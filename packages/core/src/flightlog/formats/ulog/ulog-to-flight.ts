import { type BuildOptions, type Flight, FlightBuilder, isoFromEpochMs } from '../../model/index.ts';
import { emptyFixes, type GpsFixes, gpsDecoder } from './gps-decoder.ts';
import { px4AppName } from './px4-names.ts';
import { readULog, type ULogDataHandler, type ULogFile, type ULogSubscription } from './read-ulog.ts';
import {
  attitudeDecoder,
  batteryDecoder,
  cameraDecoder,
  type DecodeContext,
  globalPositionDecoder,
  localPositionDecoder,
  statusDecoder,
  sticksDecoder,
} from './topic-decoders.ts';

type Decoder = (sub: ULogSubscription, ctx: DecodeContext) => ULogDataHandler | undefined;

/** The only topics decoded; every other data message is just counted. */
const DECODERS: Record<string, Decoder> = {
  vehicle_local_position: localPositionDecoder,
  vehicle_attitude: attitudeDecoder,
  vehicle_global_position: globalPositionDecoder,
  manual_control_setpoint: sticksDecoder,
  battery_status: batteryDecoder,
  vehicle_status: statusDecoder,
  camera_capture: cameraDecoder,
  camera_trigger: cameraDecoder,
};

/** Preferred first: vehicle_gps_position is the (blended) position PX4 itself flies on. */
const GPS_TOPICS = ['vehicle_gps_position', 'sensor_gps'];

/**
 * PX4 ULog → Flight. t = 0 is the header timestamp (logging start) and the duration runs to the last data
 * timestamp, as pyulog reports it. Only instance 0 of each topic is decoded.
 * @example const flight = parseULog(new Uint8Array(await file.arrayBuffer()));
 */
export function parseULog(bytes: Uint8Array, options: BuildOptions = {}): Flight {
  const b = new FlightBuilder('ulog');
  const t0 = headerTimestamp(bytes);
  const t = (ts: number) => (ts - t0) / 1e6;
  const ctx: DecodeContext = { b, t };
  const gps = new Map<string, GpsFixes>();
  const file = readULog(bytes, {
    subscribe(sub) {
      if (sub.multiId !== 0) return undefined;
      let h: ULogDataHandler | undefined;
      if (GPS_TOPICS.includes(sub.name)) {
        const fixes = emptyFixes();
        gps.set(sub.name, fixes);
        h = gpsDecoder(sub, fixes, t);
      } else h = DECODERS[sub.name]?.(sub, ctx);
      // A zero timestamp means "never published" (pyulog skips them too); it would sit years before t = 0.
      return h && ((v, at, ts) => ts !== 0 && h(v, at, ts));
    },
  });
  addFixes(b, gps);
  describe(b, file);
  return b.build(options);
}

/** Header timestamp, read up front so handlers can convert times (readULog validates the header). */
function headerTimestamp(bytes: Uint8Array): number {
  if (bytes.length < 16) return 0;
  const v = new DataView(bytes.buffer, bytes.byteOffset, 16);
  return v.getUint32(12, true) * 4294967296 + v.getUint32(8, true);
}

function addFixes(b: FlightBuilder, gps: Map<string, GpsFixes>): void {
  const fixes = GPS_TOPICS.map((n) => gps.get(n)).find((f) => f && f.t.length > 0);
  if (!fixes) return;
  const hasGlobalAlt = b.hasChannel('alt_amsl_m');
  for (let i = 0; i < fixes.t.length; i++) {
    b.addFix(fixes.t[i], fixes.lat[i], fixes.lon[i], fixes.alt[i]);
    if (!hasGlobalAlt) b.sample('alt_amsl_m', fixes.t[i], fixes.alt[i]);
  }
  // Local-position speed is preferred (higher rate); GPS speed fills in when the estimator logged none.
  if (!b.hasChannel('h_speed_mps')) {
    for (let i = 0; i < fixes.t.length; i++) b.sample('h_speed_mps', fixes.t[i], fixes.speed[i]);
  }
  if (fixes.utcMs !== null) b.start = isoFromEpochMs(fixes.utcMs - fixes.utcAtS * 1000);
}

function describe(b: FlightBuilder, file: ULogFile): void {
  b.duration_s = (file.lastTimestamp - file.startTimestamp) / 1e6;
  for (const sub of file.subscriptions) if (sub.count > 0) b.count(sub.name, sub.count);
  for (const m of file.logged) {
    const kind = m.level <= 3 ? 'error' : m.level === 4 ? 'warning' : 'info';
    b.event((m.timestamp - file.startTimestamp) / 1e6, kind, m.text);
  }
  for (const [name, value] of file.initialParams) b.parameter(name, value);
  for (const [name, value] of file.systemDefaults) b.parameterDefault(name, value);
  for (const c of file.changedParams) b.parameter(c.key, c.value, (c.timestamp - file.startTimestamp) / 1e6);
  const hw = file.info.get('ver_hw');
  b.aircraft = typeof hw === 'string' && hw.length > 0 ? hw : null;
  b.app = px4AppName(file.info);
  for (const w of file.warnings) b.warn(w);
  if (file.dropouts.length > 0) {
    const total = file.dropouts.reduce((s, d) => s + d.durationMs, 0) / 1000;
    b.warn(`${file.dropouts.length} logging dropouts (${total.toFixed(2)} s of data lost)`);
  }
  if (b.fixCount === 0) b.warn('No valid GPS fix (fix type 3 or better): the flight has no track');
  if (!file.infoMultiple.has('metadata_events') && (b.messages.event ?? 0) > 0) {
    b.warn('PX4 "event" messages were counted but not decoded: their texts need event metadata');
  }
}
