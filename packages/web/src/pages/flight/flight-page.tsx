import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { utc } from '../../ui/format.ts';
import { presetsFor } from './chart-presets.ts';
import { createCursor } from './cursor.ts';
import { FlightActions } from './flight-actions.tsx';
import { drawCharts } from './flight-charts.ts';
import { type FlightData, loadFlight } from './flight-data.ts';
import { MapLegend, ZoneList } from './map-legend.tsx';
import { Summary } from './summary.tsx';
import { altitudeSegments, trackBounds, trackLines } from './track-geometry.ts';
import { drawTrackMap, showZones } from './track-map.ts';
import { type ZonesAnswer, zonesAround } from './zones.ts';

/** One flight: summary, map and charts with one cursor between them, downloads and delete. */
export default function FlightPage() {
  const { params } = useRoute();
  const [data, setData] = useState<FlightData | { problem: string } | null>(null);
  useEffect(() => {
    let live = true;
    setData(null);
    loadFlight(params.id).then((d) => live && setData(d));
    return () => {
      live = false;
    };
  }, [params.id]);

  if (!data) return <p aria-live="polite">Loading the flight…</p>;
  if ('problem' in data)
    return (
      <p class="problem" role="alert">
        {data.problem}
      </p>
    );
  return <Flight data={data} />;
}

function Flight({ data }: { data: FlightData }) {
  const { log, track, series } = data;
  const lines = useMemo(() => trackLines(track), [track]);
  const segments = useMemo(() => altitudeSegments(lines), [lines]);
  const presets = useMemo(() => presetsFor(series), [series]);
  const events = useMemo(
    () =>
      track.features.flatMap((f) =>
        f.properties.kind === 'track' ? [] : [{ t_s: f.properties.t_s, kind: f.properties.kind }],
      ),
    [track],
  );
  const cursor = useMemo(() => createCursor(), []);
  const mapBox = useRef<HTMLDivElement>(null);
  const chartBox = useRef<HTMLDivElement>(null);
  const [zones, setZones] = useState<ZonesAnswer | null>(null);

  useEffect(() => {
    const container = mapBox.current;
    const bounds = trackBounds(lines);
    if (!container || !bounds) return;
    const map = drawTrackMap({
      container,
      lines,
      segments,
      series,
      cursor,
      onDrawn: () => container.setAttribute('data-state', 'drawn'),
    });
    zonesAround(bounds, lines).then((z) => {
      setZones(z);
      if ('features' in z) showZones(map, z.features);
    });
    return () => map.remove();
  }, [lines, segments, series, cursor]);

  useEffect(() => {
    const box = chartBox.current;
    if (!box) return;
    const slots = Array.from(box.querySelectorAll<HTMLElement>('.chart-slot'));
    return drawCharts(slots, presets, series, events, cursor);
  }, [presets, series, events, cursor]);

  const title = log.summary.start ? utc(log.summary.start) : log.filename;
  return (
    <article class="flight">
      <h1>Flight of {title}</h1>
      <Summary log={log} />
      <section aria-labelledby="map-title">
        <h2 id="map-title">Track</h2>
        {lines.length > 0 ? (
          <>
            <div ref={mapBox} class="map" />
            <MapLegend range={segments.range} />
            <ZoneList zones={zones} />
          </>
        ) : (
          <p>This log has no GPS track (no valid fix), so there is no map.</p>
        )}
      </section>
      <section aria-labelledby="charts-title" ref={chartBox}>
        <h2 id="charts-title">Charts</h2>
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
      <FlightActions id={log.id} />
    </article>
  );
}
