import { shortestFloat32 } from '../../model/parameters.ts';
import { gpsTimeToUnixMs } from '../ardupilot/index.ts';
import { type DfFormat, type DfReader, readerFor, readString } from './dataflash-format.ts';
import type { DataFlashState } from './dataflash-state.ts';
import type { DfHandler } from './read-dataflash.ts';

/** Boot-clock reader: TimeUS, or TimeMS except in old GPS records where TimeMS is GPS time of week. */
export function bootClock(f: DfFormat): DfReader | null {
  const us = readerFor(f, 'TimeUS');
  if (us) return (v, r) => us(v, r) / 1e6;
  const ms = f.byName.has('Week') ? null : readerFor(f, 'TimeMS');
  return ms ? (v, r) => ms(v, r) / 1000 : null;
}

/** Only instance 0 of multi-instance records (GPS, BARO, BAT …) is used. */
function firstInstance(f: DfFormat): DfReader {
  return readerFor(f, 'I', 'Instance', 'Inst') ?? (() => 0);
}

type Maker = (f: DfFormat, s: DataFlashState, clock: DfReader | null) => DfHandler | undefined;

const gps: Maker = (f, s, clock) => {
  const status = readerFor(f, 'Status');
  const lat = readerFor(f, 'Lat');
  const lng = readerFor(f, 'Lng');
  const alt = readerFor(f, 'Alt');
  const rel = readerFor(f, 'RelAlt');
  const spd = readerFor(f, 'Spd');
  const week = readerFor(f, 'GWk', 'Week');
  const ms = readerFor(f, 'GMS', 'TimeMS');
  const inst = firstInstance(f);
  if (!(status && lat && lng)) return undefined;
  return (v, r) => {
    if (inst(v, r) !== 0 || status(v, r) < 3) return; // Status 3 = 3D fix
    const t = clock ? s.at(clock(v, r)) : s.now();
    s.b.addFix(t, lat(v, r), lng(v, r), alt ? alt(v, r) : Number.NaN);
    if (alt) s.b.sample('alt_amsl_m', t, alt(v, r));
    if (spd) s.b.sample('h_speed_mps', t, spd(v, r));
    if (rel) s.addRelAlt('GPS.RelAlt', t, rel(v, r));
    if (s.startUnixMs === null && week && ms && week(v, r) > 0) {
      s.startUnixMs = gpsTimeToUnixMs(week(v, r), ms(v, r)) - t * 1000;
    }
  };
};

function relAltFrom(source: string, ...names: string[]): Maker {
  return (f, s, clock) => {
    const alt = readerFor(f, ...names);
    if (!(alt && clock)) return undefined;
    return (v, r) => s.addRelAlt(`${source}`, s.at(clock(v, r)), alt(v, r));
  };
}

const baro: Maker = (f, s, clock) => {
  const crt = readerFor(f, 'CRt');
  const inst = firstInstance(f);
  if (!(crt && clock)) return undefined;
  return (v, r) => {
    if (inst(v, r) === 0) s.b.sample('v_speed_mps', s.at(clock(v, r)), crt(v, r));
  };
};

const att: Maker = (f, s, clock) => {
  const yaw = readerFor(f, 'Yaw');
  if (!(yaw && clock)) return undefined;
  return (v, r) => s.b.sample('heading_deg', s.at(clock(v, r)), ((yaw(v, r) % 360) + 360) % 360);
};

const rcin: Maker = (f, s, clock) => {
  const chans = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => readerFor(f, `C${i}`));
  if (!clock || chans[0] === null) return undefined;
  return (v, r) => s.rc.push({ t: s.at(clock(v, r)), ch: chans.map((c) => (c ? c(v, r) : Number.NaN)) });
};

const battery: Maker = (f, s, clock) => {
  const volt = f.byName.get('Volt');
  const read = readerFor(f, 'Volt');
  const pct = readerFor(f, 'RemPct');
  const inst = firstInstance(f);
  if (!clock) return undefined;
  // Old CURR records log volts as integer hundredths ('h'); newer BAT records as float volts.
  const scale = volt && (volt.char === 'h' || volt.char === 'H') ? 0.01 : 1;
  return (v, r) => {
    if (inst(v, r) !== 0) return;
    const t = s.at(clock(v, r));
    if (read) s.b.sample('battery_v', t, read(v, r) * scale);
    if (pct) s.b.sample('battery_pct', t, pct(v, r));
  };
};

const mode: Maker = (f, s, clock) => {
  const m = readerFor(f, 'Mode');
  if (!m) return undefined;
  return (v, r) => s.modes.push({ t: clock ? s.at(clock(v, r)) : s.now(), mode: m(v, r) });
};

const msg: Maker = (f, s, clock) => {
  const field = f.byName.get('Message');
  if (!field) return undefined;
  const bytes = (v: DataView) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return (v, r) => {
    s.texts.push({
      t: clock ? s.at(clock(v, r)) : s.now(),
      text: readString(bytes(v), r + field.offset, 64),
    });
  };
};

const params: Maker = (f, s, clock) => {
  const name = f.byName.get('Name');
  const value = readerFor(f, 'Value');
  const def = readerFor(f, 'Default');
  if (!(name && value)) return undefined;
  // Values are float32 ('f'): kept as the shortest decimal of that float (0.15, not 0.150000006).
  const float = (field: string) => (f.byName.get(field)?.char === 'f' ? shortestFloat32 : (x: number) => x);
  const val = float('Value');
  const defVal = float('Default');
  return (v, r) => {
    const key = readString(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), r + name.offset, 16);
    s.params.set(key, value(v, r));
    s.b.parameter(key, val(value(v, r)), clock ? s.at(clock(v, r)) : s.now());
    if (def) s.b.parameterDefault(key, defVal(def(v, r)));
  };
};

const camera: Maker = (_f, s, clock) => (v, r) => s.b.event(clock ? s.at(clock(v, r)) : s.now(), 'photo');

const ev: Maker = (f, s, clock) => {
  const id = readerFor(f, 'Id');
  if (!id) return undefined;
  return (v, r) => {
    const e = id(v, r);
    const t = clock ? s.at(clock(v, r)) : s.now();
    if (e === 10)
      s.b.event(t, 'armed'); // LogEvent ARMED / DISARMED
    else if (e === 11) s.b.event(t, 'disarmed');
  };
};

const err: Maker = (f, s, clock) => {
  const sub = readerFor(f, 'Subsys');
  const code = readerFor(f, 'ECode');
  if (!(sub && code)) return undefined;
  return (v, r) => {
    const t = clock ? s.at(clock(v, r)) : s.now();
    s.b.event(t, 'warning', `Error: subsystem ${sub(v, r)} code ${code(v, r)}`);
  };
};

const MAKERS: Record<string, Maker> = {
  GPS: gps,
  POS: relAltFrom('POS.RelHomeAlt', 'RelHomeAlt'),
  CTUN: relAltFrom('CTUN.BAlt', 'BAlt', 'BarAlt'),
  BARO: baro,
  ATT: att,
  RCIN: rcin,
  CURR: battery,
  BAT: battery,
  MODE: mode,
  MSG: msg,
  PARM: params,
  CAM: camera,
  TRIG: camera,
  EV: ev,
  ERR: err,
};

/** The handler for one record type: keeps the clock, and decodes the types a flight needs. */
export function handlerFor(f: DfFormat, s: DataFlashState): DfHandler | undefined {
  const clock = bootClock(f);
  const decode = MAKERS[f.name]?.(f, s, clock);
  if (clock && decode) {
    return (v, r) => {
      s.time(clock(v, r));
      decode(v, r);
    };
  }
  if (clock) return (v, r) => s.time(clock(v, r));
  return decode;
}
