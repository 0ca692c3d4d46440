import type { Map as MapLibre } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { utc } from '../../ui/format.ts';
import { presetsFor } from './chart-presets.ts';
import { ChartSlots } from './chart-slots.tsx';
import { createCursor } from './cursor.ts';
import { EventTimeline } from './event-timeline.tsx';
import { FlightActions } from './flight-actions.tsx';
import './flight.css';
// Here, not in flight-modes.ts: that module is pure and unit-tested under node, which loads no CSS.
import './flight-modes.css';
import { drawCharts } from './flight-charts.ts';
import { type FlightData, loadFlight, loadFlightModes } from './flight-data.ts';
import { type ModeChange, modeBands } from './flight-modes.ts';
import { MapLegend, ZoneList } from './map-legend.tsx';
import { FlightParameters } from './parameters.tsx';
import { Summary } from './summary.tsx';
import { type ColourBy, colourChoices, colourSegments } from './track-colour.ts';
import { trackBounds, trackLines } from './track-geometry.ts';
import { loadTrackMap, type TrackMap, trackMapIfLoaded } from './track-map-loader.ts';
import { type ZonesAnswer, zonesAround } from './zones.ts';

loadTrackMap();

/** One flight: summary, map and charts with one cursor between them, downloads and delete. */
export default function FlightPage() {
  const { params } = useRoute();
  const [data, setData] = useState<Loaded | { problem: string } | null>(null);
  useEffect(() => {
    let live = true;
    setData(null);
    // The modes (a few hundred bytes) travel beside the flight's answers; none is no error.
    Promise.all([loadFlight(params.id), loadFlightModes(params.id)]).then(([d, modes]) => {
      // flight:* marks (data, charts, map) show where the page's time goes in a browser trace.
      performance.mark('flight:data');
      if (live) setData('problem' in d ? d : { ...d, modes });
    });
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

type Loaded = FlightData & { modes: ModeChange[] };

function Flight({ data }: { data: Loaded }) {
  const { log, track, series, modes } = data;
  const lines = useMemo(() => trackLines(track), [track]);
  const coloured = useMemo(() => colourSegments(track, series, modes), [track, series, modes]);
  const choices = useMemo(() => colourChoices(coloured), [coloured]);
  const [colourBy, setColourBy] = useState<ColourBy>(
    () => choices.find((c) => c.absent === undefined)?.key ?? 'alt',
  );
  const mapRef = useRef<MapLibre | null>(null);
  const mapKit = useRef<TrackMap | null>(null);
  // Read by the map's first draw, which must not wait for (or redraw on) a change of colour.
  const colourRef = useRef(colourBy);
  colourRef.current = colourBy;
  const presets = useMemo(() => presetsFor(series), [series]);
  const events = useMemo(
    () =>
      track.features.flatMap((f) =>
        f.properties.kind === 'track'
          ? []
          : [{ t_s: f.properties.t_s, kind: f.properties.kind, text: f.properties.text }],
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
    let map: MapLibre | null = null;
    let gone = false;
    // The zones are asked for at once; they are drawn when both they and the map are there.
    const zones = zonesAround(bounds, lines).then((z) => {
      if (!gone) setZones(z);
      return z;
    });
    const draw = (kit: TrackMap) => {
      if (gone) return;
      mapKit.current = kit;
      performance.mark('flight:map-start');
      const m = kit.drawTrackMap({
        container,
        lines,
        coloured,
        colourBy: colourRef.current,
        series,
        cursor,
        onDrawn: (drawn) => {
          kit.colourTrack(drawn, colourRef.current, coloured.ranges[colourRef.current]);
          // Recolouring from here on: the style is loaded (isStyleLoaded() is false while a source updates).
          mapRef.current = drawn;
          container.setAttribute('data-state', 'drawn');
          performance.mark('flight:map-drawn');
          // Zones go under the track once it is drawn (their layers are there from the start, empty,
          // so none is nothing to do): the track's first frame does not wait for a second source's tiles.
          zones.then((z) => {
            if (!gone && 'features' in z && z.features.length > 0) kit.showZones(drawn, z.features);
          });
        },
      });
      map = m;
    };
    // Drawn at once when MapLibre is here (before the charts: its GL set-up and worker then run
    // beside them), else as soon as it arrives.
    const kit = trackMapIfLoaded();
    if (kit) draw(kit);
    else loadTrackMap().then(draw);
    return () => {
      gone = true;
      mapRef.current = null;
      map?.remove();
    };
  }, [lines, coloured, series, cursor]);

  useEffect(() => {
    const map = mapRef.current;
    if (map) mapKit.current?.colourTrack(map, colourBy, coloured.ranges[colourBy]);
  }, [colourBy, coloured]);

  useEffect(() => {
    const box = chartBox.current;
    if (!box) return;
    const slots = Array.from(box.querySelectorAll<HTMLElement>('.chart-slot'));
    performance.mark('flight:charts-start');
    const remove = drawCharts(slots, presets, series, events, cursor, [modeBands(modes)]);
    performance.mark('flight:charts-drawn');
    return remove;
  }, [presets, series, events, cursor, modes]);

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
            <MapLegend
              choices={choices}
              colourBy={colourBy}
              range={coloured.ranges[colourBy]}
              onChange={setColourBy}
              modeNames={coloured.modeNames}
            />
            <ZoneList zones={zones} />
          </>
        ) : (
          <p>This log has no GPS track (no valid fix), so there is no map.</p>
        )}
      </section>
      <section aria-labelledby="charts-title" ref={chartBox}>
        <h2 id="charts-title">Charts</h2>
        <ChartSlots presets={presets} />
        {presets.length > 0 && (
          <EventTimeline events={events} modes={modes} t_s={series.t_s} cursor={cursor} />
        )}
      </section>
      <FlightParameters log={log} />
      <FlightActions id={log.id} />
    </article>
  );
}
