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

/** A flight's summary as the owner sees it; a share's lacks the height above sea level. */
type Facts = Omit<FlightLog['summary'], 'max_alt_amsl_m'> & { max_alt_amsl_m?: number | null };

/** What the log says about the flight, every number with its unit. */
export function Summary({ log }: { log: FlightLog }) {
  return (
    <SummaryFacts
      summary={log.summary}
      format={log.format}
      file={`${log.filename} (${bytes(log.size_bytes)})`}
      warnings={log.warnings}
    />
  );
}

/** The summary list and the warnings, for the owner's flight page and a shared flight alike. */
export function SummaryFacts(props: { summary: Facts; format: string; file?: string; warnings: string[] }) {
  const { summary: s, format, file, warnings } = props;
  const rows: [string, string][] = [
    ['Start', utc(s.start)],
    ['Duration', duration(s.duration_s)],
    ['Distance flown', distance(s.distance_m)],
    ['Max altitude above take-off', metres(s.max_alt_m)],
    ...(s.max_alt_amsl_m !== undefined
      ? [['Max altitude above sea level', metres(s.max_alt_amsl_m)] as [string, string]]
      : []),
    ['Max speed', speed(s.max_speed_mps)],
    ['Farthest from home', distance(s.max_distance_from_home_m)],
    ['Battery used', percent(s.battery_used_pct)],
    ['Aircraft', text(s.aircraft)],
    ['Firmware / app', text(s.app)],
    ['Format', FORMAT_NAMES[format] ?? format],
    ...(file ? [['File', file] as [string, string]] : []),
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
      {warnings.length > 0 && (
        <div class="warnings">
          <h2>Warnings</h2>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
