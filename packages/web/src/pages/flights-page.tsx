import { useEffect, useState } from 'preact/hooks';
import { api, errorText, type FlightLog } from '../api/client.ts';
import { distance, duration, FORMAT_NAMES, metres, text, utc } from '../ui/format.ts';
import { Pager, useCursorTrail } from '../ui/pager.tsx';
import { FlightFilters, type FlightQuery } from './flight-filters.tsx';

const PAGE = 25;
/** As many flights as the compare page draws in distinct colours. */
const MAX_COMPARED = 5;

/**
 * The pilot's flights, newest first, a page at a time from the server (cursor paging,
 * ui/pager.tsx: Newer goes back along the trail of cursors without the server's help).
 */
export function FlightsPage() {
  const trail = useCursorTrail();
  const [page, setPage] = useState<{ items: FlightLog[]; next: string | null } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { cursor } = trail;
  const [query, setQuery] = useState<FlightQuery>({});
  const [chosen, setChosen] = useState<string[]>([]);
  const choose = (id: string, on: boolean) =>
    setChosen((c) => (on ? [...c.filter((x) => x !== id), id] : c.filter((x) => x !== id)));

  useEffect(() => {
    let live = true;
    setPage(null);
    api
      .GET('/v1/flightlogs', { params: { query: { ...query, limit: PAGE, cursor } } })
      .then(({ data, error, response }) => {
        if (!live) return;
        if (data) setPage({ items: data.items, next: data.next_cursor });
        else setProblem(errorText(error, response));
      });
    return () => {
      live = false;
    };
  }, [cursor, query]);

  return (
    <section>
      <div class="title-row">
        <h1>Your flights</h1>
        <a class="button" href="/upload">
          Upload logs
        </a>
      </div>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      <FlightFilters
        onApply={(q) => {
          setQuery(q);
          trail.reset();
        }}
      />
      {!page && !problem && <p aria-live="polite">Loading…</p>}
      {page && page.items.length === 0 && trail.first && Object.values(query).some(Boolean) && (
        <p>No flight matches these filters.</p>
      )}
      {page && page.items.length === 0 && trail.first && !Object.values(query).some(Boolean) && (
        <p>
          No flights yet. <a href="/upload">Upload a flight log</a>: PX4 ULog, ArduPilot DataFlash, MAVLink
          tlog, DJI flight records, Airdata CSV, GPX or KML.
        </p>
      )}
      {page && page.items.length > 0 && <FlightTable items={page.items} chosen={chosen} onChoose={choose} />}
      {page && page.items.length > 1 && (
        <p class="compare-bar">
          {chosen.length >= 2 && chosen.length <= MAX_COMPARED ? (
            <a class="button" href={`/compare?ids=${chosen.map(encodeURIComponent).join(',')}`}>
              Compare {chosen.length} flights
            </a>
          ) : (
            <span class="hint">Tick 2 to {MAX_COMPARED} flights to compare them on one map and chart.</span>
          )}
        </p>
      )}
      {page && <Pager trail={trail} next={page.next} />}
    </section>
  );
}

function FlightTable(props: {
  items: FlightLog[];
  chosen: string[];
  onChoose: (id: string, on: boolean) => void;
}) {
  const { items, chosen, onChoose } = props;
  return (
    <table class="flights">
      <caption class="sr-only">Flights, newest upload first</caption>
      <thead>
        <tr>
          <th scope="col">
            <span class="sr-only">Compare</span>
          </th>
          <th scope="col">Flight</th>
          <th scope="col">Format</th>
          <th scope="col">Duration</th>
          <th scope="col">Distance</th>
          <th scope="col">Max altitude</th>
          <th scope="col">Aircraft</th>
        </tr>
      </thead>
      <tbody>
        {items.map((f) => (
          <tr key={f.id}>
            <td>
              <input
                type="checkbox"
                aria-label={`Compare the flight ${f.summary.start ? utc(f.summary.start) : f.filename}`}
                checked={chosen.includes(f.id)}
                onChange={(e) => onChoose(f.id, e.currentTarget.checked)}
              />
            </td>
            <th scope="row">
              <a href={`/flights/${encodeURIComponent(f.id)}`}>
                {f.summary.start ? utc(f.summary.start) : f.filename}
              </a>
              {f.summary.start && <span class="sub">{f.filename}</span>}
            </th>
            <td>{FORMAT_NAMES[f.format] ?? f.format}</td>
            <td>{duration(f.summary.duration_s)}</td>
            <td>{distance(f.summary.distance_m)}</td>
            <td>{metres(f.summary.max_alt_m)}</td>
            <td>{text(f.summary.aircraft)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
