import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { utc } from '../../ui/format.ts';
import { type Channel, PRESETS } from '../flight/chart-presets.ts';
import { type FlightData, loadFlight } from '../flight/flight-data.ts';
import { trackLines } from '../flight/track-geometry.ts';
import { drawCompareChart } from './compare-chart.ts';
import { drawCompareMap } from './compare-map.ts';
import './compare.css';

/** Colour-blind-safe (Okabe–Ito), each with at least 3:1 contrast on the map's background. */
const COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#7a5c00'];
const MAX_COMPARED = 5;

/** 2–5 flights (`?ids=a,b`) on one map and one chart, each in its own colour. */
export default function ComparePage() {
  const { query } = useLocation();
  const ids = useMemo(() => (query.ids ?? '').split(',').filter(Boolean).slice(0, MAX_COMPARED), [query.ids]);
  const [flights, setFlights] = useState<FlightData[] | { problem: string } | null>(null);
  useEffect(() => {
    if (ids.length < 2) return;
    Promise.all(ids.map(loadFlight)).then((all) => {
      const bad = all.find((f) => 'problem' in f);
      setFlights(bad && 'problem' in bad ? bad : (all as FlightData[]));
    });
  }, [ids]);

  if (ids.length < 2)
    return (
      <p class="problem" role="alert">
        Choose 2 to {MAX_COMPARED} flights in <a href="/flights">your flights</a> to compare them.
      </p>
    );
  if (!flights) return <p aria-live="polite">Loading {ids.length} flights…</p>;
  if ('problem' in flights)
    return (
      <p class="problem" role="alert">
        {flights.problem}
      </p>
    );
  return <Compare flights={flights} />;
}

function Compare({ flights }: { flights: FlightData[] }) {
  const mapBox = useRef<HTMLDivElement>(null);
  const chartBox = useRef<HTMLDivElement>(null);
  const labelled = flights.map((f, i) => ({
    ...f,
    colour: COLOURS[i],
    label: f.log.summary.start ? utc(f.log.summary.start) : f.log.filename,
  }));
  const channels = PRESETS.flatMap((p) => p.lines.map((l) => ({ ...l, unit: p.unit, title: p.title })))
    .filter((l) => flights.some((f) => f.series.channels[l.channel]))
    .filter((l, i, all) => all.findIndex((m) => m.channel === l.channel) === i);
  const [channel, setChannel] = useState<Channel>(channels[0]?.channel ?? 'alt_rel_m');

  useEffect(() => {
    const box = mapBox.current;
    if (!box) return;
    return drawCompareMap(
      box,
      labelled.map((f) => ({ colour: f.colour, lines: trackLines(f.track) })),
      () => box.setAttribute('data-state', 'drawn'),
    );
  }, [flights]);
  useEffect(() => {
    const box = chartBox.current;
    const chosen = channels.find((c) => c.channel === channel);
    if (!box || !chosen) return;
    return drawCompareChart(box, labelled, channel, chosen.unit);
  }, [flights, channel]);

  return (
    <article class="compare">
      <h1>Compare {flights.length} flights</h1>
      <ul class="compare-legend">
        {labelled.map((f) => (
          <li key={f.log.id}>
            <span class="swatch" style={{ background: f.colour }} aria-hidden="true" />
            <a href={`/flights/${encodeURIComponent(f.log.id)}`}>{f.label}</a>{' '}
            <span class="sub">{f.log.filename}</span>
          </li>
        ))}
      </ul>
      <div ref={mapBox} class="map" />
      <label class="compare-channel">
        Chart{' '}
        <select value={channel} onChange={(e) => setChannel(e.currentTarget.value as Channel)}>
          {channels.map((c) => (
            <option key={c.channel} value={c.channel}>
              {c.title}
              {c.label !== 'Altitude' && !c.title.includes(c.label) ? `: ${c.label}` : ''} ({c.unit})
            </option>
          ))}
        </select>
      </label>
      <div ref={chartBox} class="chart-slot compare-chart" />
    </article>
  );
}
