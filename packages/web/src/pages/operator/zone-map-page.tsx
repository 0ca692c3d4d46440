import type { Feature } from 'geojson';
import { type GeoJSONSource, Map as MapLibre, NavigationControl, ScaleControl } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import '../../ui/maplibre-setup.ts';
import { baseMap, plainZoneLayers } from '../flight/map-style.ts';
import { markActive, ZONE_CATEGORIES, zoneFilter } from './zone-layers.ts';

/** The zone route answers boxes up to 5° a side (routes/zones.ts). */
const MAX_SPAN_DEG = 5;

/**
 * Every zone the server answers with, one switch per dataset and per category, and a moment: with
 * it, only zones in force then are drawn (temporary restrictions by their validity and schedules).
 */
export function ZoneMapPage() {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibre | null>(null);
  const raw = useRef<Feature[]>([]);
  const [datasets, setDatasets] = useState<string[]>([]);
  const [shownDatasets, setShownDatasets] = useState<Set<string>>(new Set());
  const [categories, setCategories] = useState<Set<string>>(new Set(ZONE_CATEGORIES));
  const [at, setAt] = useState('');
  const [note, setNote] = useState('');
  const [count, setCount] = useState(0);
  /** Bumped on each answer: the drawing effect below runs again. */
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    api.GET('/v1/datasets').then(({ data }) => {
      const ids = data?.datasets.map((d) => d.id) ?? [];
      setDatasets(ids);
      setShownDatasets(new Set(ids));
    });
  }, []);

  useEffect(() => {
    const container = box.current;
    if (!container) return;
    const base = baseMap();
    const m = new MapLibre({
      container,
      center: [8.55, 47.4],
      zoom: 9,
      attributionControl: false,
      locale: { 'Map.Title': 'Map of airspace zones' },
      style: {
        version: 8,
        sources: {
          ...base.sources,
          zones: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
        },
        layers: [...base.layers, ...plainZoneLayers()],
      },
    });
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    m.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    const load = async () => {
      const b = m.getBounds();
      const [w, s, e, n] = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(
        (v) => Math.round(v * 1e4) / 1e4,
      );
      if (e - w > MAX_SPAN_DEG || n - s > MAX_SPAN_DEG) {
        setNote(`Zoom in: zones are drawn for views up to ${MAX_SPAN_DEG}° wide.`);
        return;
      }
      const bbox = [Math.max(-180, w), Math.max(-90, s), Math.min(180, e), Math.min(90, n)].join(',');
      const { data, response } = await api.GET('/v1/zones', { params: { query: { bbox } } });
      if (!data) return setNote(`Zones could not be loaded (${response.status}).`);
      raw.current = data.features as Feature[];
      setNote('');
      setCount(raw.current.length);
      setLoads((n) => n + 1);
    };
    m.on('moveend', load);
    m.once('load', () => void load());
    m.once('idle', () => container.setAttribute('data-state', 'drawn'));
    map.current = m;
    return () => m.remove();
  }, []);

  // Redraw on new zones or a new moment; refilter on switches.
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const draw = () => {
      if (!m.getLayer('zones-fill')) return;
      const time = at ? new Date(`${at}Z`) : null;
      const features = time && !Number.isNaN(time.getTime()) ? markActive(raw.current, time) : raw.current;
      m.getSource<GeoJSONSource>('zones')?.setData({ type: 'FeatureCollection', features });
      const filter = zoneFilter([...shownDatasets], [...categories], Boolean(time));
      for (const id of ['zones-fill', 'zones-line']) m.setFilter(id, filter);
    };
    draw();
  }, [at, shownDatasets, categories, loads]);

  const toggle = (set: Set<string>, value: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  };
  return (
    <div class="zone-map">
      <div ref={box} class="map" />
      <form class="zone-filters" onSubmit={(e) => e.preventDefault()}>
        <p aria-live="polite">{note || `${count} zones in view (before filters).`}</p>
        <fieldset>
          <legend>Datasets</legend>
          {datasets.map((d) => (
            <label key={d} class="check">
              <input
                type="checkbox"
                checked={shownDatasets.has(d)}
                onChange={(e) => setShownDatasets(toggle(shownDatasets, d, e.currentTarget.checked))}
              />{' '}
              {d}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Categories</legend>
          {ZONE_CATEGORIES.map((c) => (
            <label key={c} class="check">
              <input
                type="checkbox"
                checked={categories.has(c)}
                onChange={(e) => setCategories(toggle(categories, c, e.currentTarget.checked))}
              />{' '}
              {c.replace('_', ' ')}
            </label>
          ))}
        </fieldset>
        <label>
          In force at (UTC; empty: all)
          <input type="datetime-local" value={at} onInput={(e) => setAt(e.currentTarget.value)} />
        </label>
      </form>
    </div>
  );
}
