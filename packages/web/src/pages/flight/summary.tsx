import type { FlightLog } from '../../api/client.ts';
import {
  bytes,
  distance,
  duration,
  FORMAT_NAMES,
  metres,
  percent,
  speed,
  text,
  utc,
} from '../../ui/format.ts';

/** What the log says about the flight, every number with its unit. */
export function Summary({ log }: { log: FlightLog }) {
  const s = log.summary;
  const rows: [string, string][] = [
    ['Start', utc(s.start)],
    ['Duration', duration(s.duration_s)],
    ['Distance flown', distance(s.distance_m)],
    ['Max altitude above take-off', metres(s.max_alt_m)],
    ['Max altitude above sea level', metres(s.max_alt_amsl_m)],
    ['Max speed', speed(s.max_speed_mps)],
    ['Farthest from home', distance(s.max_distance_from_home_m)],
    ['Battery used', percent(s.battery_used_pct)],
    ['Aircraft', text(s.aircraft)],
    ['Firmware / app', text(s.app)],
    ['Format', FORMAT_NAMES[log.format] ?? log.format],
    ['File', `${log.filename} (${bytes(log.size_bytes)})`],
  ];
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title" class="sr-only">
        Summary
      </h2>
      <dl class="summary">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {log.warnings.length > 0 && (
        <div class="warnings">
          <h2>Warnings</h2>
          <ul>
            {log.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
