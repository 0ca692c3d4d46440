import { type BuildOptions, type Flight, FlightBuilder, isoFromEpochMs } from '../../model/index.ts';
import {
  type ArduVehicle,
  arduModeName,
  boardFromText,
  firmwareFromText,
  frameFromText,
  redactSerials,
  StickMapper,
  vehicleFromText,
} from '../ardupilot/index.ts';
import { handlerFor } from './dataflash-handlers.ts';
import { DataFlashState } from './dataflash-state.ts';
import { readDataFlash } from './read-dataflash.ts';
import { dataflashTextToBinary } from './text-to-binary.ts';

const REL_ALT_PRIORITY = ['POS.RelHomeAlt', 'GPS.RelAlt', 'CTUN.BAlt'];

/**
 * ArduPilot DataFlash .bin → Flight. t = 0 is the first timed record; times come from TimeUS (new
 * layout) or TimeMS (old layout), GPS fixes need Status ≥ 3, sticks come from RCIN through RCMAP and the
 * RCn_* calibration, modes from MODE named after the vehicle the firmware banner names.
 * @example const flight = parseDataFlash(bytes); flight.messages.GPS // 1199 for log171.bin
 */
export function parseDataFlash(input: Uint8Array, options: BuildOptions = {}): Flight {
  const b = new FlightBuilder('dataflash');
  let bytes = input;
  // The text form (`.log`) starts with its FMT-of-FMT row; it is turned into the records it stands for.
  if (isDataFlashText(input)) {
    const text = dataflashTextToBinary(new TextDecoder().decode(input));
    bytes = text.bytes;
    if (text.skipped > 0)
      b.warn(
        `${text.skipped} lines of the text log are no record of a known type (first at line ${text.firstSkippedLine}); skipped`,
      );
  }
  const s = new DataFlashState(b);
  const file = readDataFlash(bytes, { subscribe: (f) => handlerFor(f, s) });
  for (const [name, n] of file.counts) b.count(name, n);
  for (const w of file.warnings) b.warn(w);
  b.duration_s = Number.isNaN(s.firstTime) ? null : s.lastTime - s.firstTime;
  if (s.startUnixMs !== null) b.start = isoFromEpochMs(s.startUnixMs);
  const vehicle = describeSoftware(b, s);
  for (const m of s.modes) b.mode(m.t, arduModeName(vehicle, m.mode));
  addRelAlt(b, s);
  addSticks(b, s);
  if (b.fixCount === 0) b.warn('No valid GPS fix (Status 3 or better): the flight has no track');
  return b.build(options);
}

/** `FMT, 128, 89, FMT, …`: the first line of an ArduPilot text log. */
export function isDataFlashText(bytes: Uint8Array): boolean {
  const head = new TextDecoder()
    .decode(bytes.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return /^FMT, *128, *89, *FMT,/.test(head);
}

function describeSoftware(b: FlightBuilder, s: DataFlashState): ArduVehicle {
  let vehicle: ArduVehicle | null = null;
  let board: string | null = null;
  let frame: string | null = null;
  for (const { t, text } of s.texts) {
    vehicle ??= vehicleFromText(text);
    b.app ??= firmwareFromText(text);
    board ??= boardFromText(text);
    frame ??= frameFromText(text);
    b.event(t, /fail|error|bad|crash|critical/i.test(text) ? 'warning' : 'info', redactSerials(text));
  }
  b.aircraft = board && frame ? `${frame} frame, ${board}` : (board ?? (frame ? `${frame} frame` : null));
  return vehicle ?? 'unknown';
}

function addRelAlt(b: FlightBuilder, s: DataFlashState): void {
  const source = REL_ALT_PRIORITY.map((k) => s.relAlt.get(k)).find((x) => x && x.t.length > 0);
  if (!source) return;
  for (let i = 0; i < source.t.length; i++) b.sample('alt_rel_m', source.t[i], source.v[i]);
}

function addSticks(b: FlightBuilder, s: DataFlashState): void {
  const mapper = new StickMapper((name) => s.params.get(name));
  for (const { t, ch } of s.rc) {
    const v = mapper.map((c) => ch[c - 1] ?? Number.NaN);
    b.sample('stick_roll', t, v.roll);
    b.sample('stick_pitch', t, v.pitch);
    b.sample('stick_yaw', t, v.yaw);
    b.sample('stick_throttle', t, v.throttle);
  }
}
