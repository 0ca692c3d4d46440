import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api } from '../../api/client.ts';
import type { components } from '../../api/openapi.gen.ts';
import { distance, duration, FORMAT_NAMES, metres, percent, speed, text, utc } from '../../ui/format.ts';
import { presetsFor } from '../flight/chart-presets.ts';
import { createCursor } from '../flight/cursor.ts';
import { drawCharts } from '../flight/flight-charts.ts';
import { SharedTrack } from './shared-track.tsx';

type SharedFlight = components['schemas']['SharedFlight'];

/** A flight someone shared by link: no account needed; gone (one answer) once expired or revoked. */
export default function SharedPage() {
  const { params } = useRoute();
  const [flight, setFlight] = useState<SharedFlight | 'gone' | null>(null);
  useEffect(() => {
    let live = true;
    api
      .GET('/v1/shared/{token}', { params: { path: { token: params.token } } })
      .then(({ data }) => live && setFlight(data ?? 'gone'));
    return () => {
      live = false;
    };
  }, [params.token]);
  if (flight === null) return <p aria-live="polite">Loading the shared flight…</p>;
  if (flight === 'gone')
    return (
      <article class="shared-gone">
        <h1>This link does not work</h1>
        <p>It has expired, was revoked, or never existed.</p>
      </article>
    );
  return <Shared flight={flight} />;
}

function Shared({ flight }: { flight: SharedFlight }) {
  const s = flight.summary;
  const presets = useMemo(() => presetsFor(flight.series), [flight]);
  const cursor = useMemo(() => createCursor(), []);
  const chartBox = useRef<HTMLElement>(null);
  useEffect(() => {
    const slots = Array.from(chartBox.current?.querySelectorAll<HTMLElement>('.chart-slot') ?? []);
    return drawCharts(slots, presets, flight.series, [], cursor);
  }, [presets, flight, cursor]);
  const rows: [string, string][] = [
    ['Start', utc(s.start)],
    ['Duration', duration(s.duration_s)],
    ['Distance flown', distance(s.distance_m)],
    ['Max altitude above take-off', metres(s.max_alt_m)],
    ['Max speed', speed(s.max_speed_mps)],
    ['Farthest from home', distance(s.max_distance_from_home_m)],
    ['Battery used', percent(s.battery_used_pct)],
    ['Aircraft', text(s.aircraft)],
    ['Format', FORMAT_NAMES[flight.format] ?? flight.format],
  ];
  return (
    <article class="flight shared">
      <h1>Shared flight of {utc(s.start)}</h1>
      <p>
        {flight.location === 'trim'
          ? 'Take-off and landing are hidden: nothing within 300 m of them is shown.'
          : 'The track is shown moved by a secret distance: its shape is true, its place is not.'}{' '}
        Link valid until {utc(flight.expires_at)}.
      </p>
      <dl class="summary">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {flight.warnings.length > 0 && (
        <section class="warnings" aria-labelledby="shared-warnings-title">
          <h2 id="shared-warnings-title">Warnings</h2>
          <ul>
            {flight.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="shared-track-title">
        <h2 id="shared-track-title">Track</h2>
        <SharedTrack track={flight.track} />
      </section>
      <section aria-labelledby="shared-charts-title" ref={chartBox}>
        <h2 id="shared-charts-title">Charts</h2>
        {presets.length === 0 && <p>This log has no time series to chart.</p>}
        {presets.map((p) => (
          <figure key={p.title} class="chart">
            <figcaption>
              {p.title} <span class="sub">({p.unit})</span>
            </figcaption>
            <div class="chart-slot" />
          </figure>
        ))}
      </section>
    </article>
  );
}
