import { FlightLogError } from '../../errors.ts';
import {
  type BuildOptions,
  type Flight,
  FlightBuilder,
  isoFromEpochMs,
  type SampleChannel,
} from '../../model/index.ts';
import { csvRows } from './csv-rows.ts';
import { type Column, parseHeader, pick } from './header-units.ts';

/** DJI raw stick values run 364..1684 around 1024; a "(percent)" header means -100..100. */
function stick(col: Column): (v: number) => number {
  if (col.unit === 'percent' || col.unit === '%') return (v) => v / 100;
  return (v) => Math.max(-1, Math.min(1, (v - 1024) / 660));
}

/** DJI app tips that are warnings; the rest ("Setting new Return-To-Home altitude…") is information. */
const WARNING_TEXT = /low battery|error|weak|warning|critical|fail|lost|obstacle|wind|zone|limit/i;

/** A Date.parse-able UTC string from Airdata's "2021-09-06 02:23:48". */
function utcMs(s: string): number {
  const iso = s.trim().replace(' ', 'T');
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
}

/**
 * Airdata / DJI CSV export → Flight, reading every unit from the header (`(feet)`, `(mph)`, `[ft]` …).
 * Rows at 0,0 (before GPS lock) are no fixes. Speeds up are positive (DJI's zSpeed is positive down).
 * @example parseAirdataCsv(text).track.lat_deg.length
 */
export function parseAirdataCsv(input: string | Uint8Array, options: BuildOptions = {}): Flight {
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  const rows = csvRows(text);
  const first = rows.next();
  if (first.done) throw new FlightLogError('CSV file is empty (line 1)', { line: 1 });
  const cols = parseHeader(first.value.cells);
  const time = pick(cols, 'time', 'osd.flytime');
  const lat = pick(cols, 'latitude', 'osd.latitude');
  const lon = pick(cols, 'longitude', 'osd.longitude');
  if (!(time && lat && lon)) {
    throw new FlightLogError('Not an Airdata/DJI CSV: line 1 has no time, latitude and longitude columns', {
      line: 1,
    });
  }
  const b = new FlightBuilder('airdata-csv');
  const amsl = pick(cols, 'altitude_above_sealevel', 'altitude', 'osd.altitude');
  const channels: [SampleChannel, Column | undefined, (v: number) => number][] = [
    ['alt_rel_m', pick(cols, 'height_above_takeoff', 'osd.height'), (v) => v],
    ['alt_amsl_m', amsl, (v) => v],
    ['h_speed_mps', pick(cols, 'speed', 'osd.hspeed'), (v) => v],
    ['v_speed_mps', pick(cols, 'zspeed', 'osd.zspeed'), (v) => -v],
    ['heading_deg', pick(cols, 'compass_heading', 'osd.yaw'), (v) => (v + 360) % 360],
    ['battery_pct', pick(cols, 'battery_percent', 'battery.chargelevel'), (v) => v],
    ['battery_v', pick(cols, 'voltage', 'battery.voltage'), (v) => v],
  ];
  for (const [ch, name] of [
    ['stick_roll', 'rc_aileron'],
    ['stick_pitch', 'rc_elevator'],
    ['stick_yaw', 'rc_rudder'],
    ['stick_throttle', 'rc_throttle'],
  ] as const) {
    const c = cols.get(name);
    if (c) channels.push([ch, c, stick(c)]);
  }
  const datetime = pick(cols, 'datetime', 'custom.updatetime');
  const photo = cols.get('isphoto');
  const video = cols.get('isvideo');
  const message = pick(cols, 'message', 'app.warning');
  const mode = pick(cols, 'flycstate', 'osd.flycstate');
  const width = cols.size;
  let rowCount = 0;
  let badRows = 0;
  let firstT = Number.NaN;
  let lastT = Number.NaN;
  let prevPhoto = 0;
  let prevVideo = 0;
  let prevMessage = '';
  for (const { cells, line } of rows) {
    const t = Number(cells[time.index]) * time.toSI;
    if (cells.length < Math.min(width, lat.index + 1) || !Number.isFinite(t)) {
      if (++badRows <= 3) b.warn(`CSV line ${line} is not a complete row; skipped`);
      continue;
    }
    rowCount++;
    if (Number.isNaN(firstT)) {
      firstT = t;
      if (datetime) b.start = isoFromEpochMs(utcMs(cells[datetime.index]) - t * 1000);
    }
    lastT = t;
    const s = t - firstT;
    const amslM = amsl ? Number(cells[amsl.index]) * amsl.toSI : Number.NaN;
    b.addFix(s, Number(cells[lat.index]), Number(cells[lon.index]), amslM);
    for (const [ch, col, f] of channels) {
      const cell = col ? cells[col.index] : undefined;
      if (col && cell !== undefined && cell.trim() !== '') b.sample(ch, s, f(Number(cell) * col.toSI));
    }
    if (photo) {
      const p = Number(cells[photo.index]);
      if (p === 1 && prevPhoto !== 1) b.event(s, 'photo');
      prevPhoto = p;
    }
    if (video) {
      const v = Number(cells[video.index]);
      if (v !== prevVideo) b.event(s, v === 1 ? 'video_start' : 'video_stop');
      prevVideo = v;
    }
    if (message) {
      const m = (cells[message.index] ?? '').trim();
      if (m !== '' && m !== prevMessage) b.event(s, WARNING_TEXT.test(m) ? 'warning' : 'info', m);
      prevMessage = m;
    }
    if (mode && cells[mode.index]) b.mode(s, cells[mode.index].trim());
  }
  if (badRows > 3) b.warn(`${badRows} CSV rows were incomplete and skipped`);
  b.count('row', rowCount);
  b.duration_s = Number.isNaN(firstT) ? null : lastT - firstT;
  if (b.fixCount === 0) b.warn('No valid GPS position in the CSV: the flight has no track');
  return b.build(options);
}
