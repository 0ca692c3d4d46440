import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api } from '../../api/client.ts';
import type { components } from '../../api/openapi.gen.ts';
import { utc } from '../../ui/format.ts';
import { presetsFor } from '../flight/chart-presets.ts';
import { ChartSlots } from '../flight/chart-slots.tsx';
import { createCursor } from '../flight/cursor.ts';
import { drawCharts } from '../flight/flight-charts.ts';
import { SummaryFacts } from '../flight/summary.tsx';
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
  return (
    <article class="flight shared">
      <h1>Shared flight of {utc(s.start)}</h1>
      <p>
        {flight.location === 'trim'
          ? 'Take-off and landing are hidden: nothing within 300 m of them is shown.'
          : 'The track is shown moved by a secret distance: its shape is true, its place is not.'}{' '}
        Link valid until {utc(flight.expires_at)}.
      </p>
      <SummaryFacts summary={s} format={flight.format} warnings={flight.warnings} />
      <section aria-labelledby="shared-track-title">
        <h2 id="shared-track-title">Track</h2>
        <SharedTrack track={flight.track} />
      </section>
      <section aria-labelledby="shared-charts-title" ref={chartBox}>
        <h2 id="shared-charts-title">Charts</h2>
        <ChartSlots presets={presets} />
      </section>
    </article>
  );
}
