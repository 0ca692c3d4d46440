import { api, errorText, type FlightLog, type FlightSeries, type FlightTrack } from '../../api/client.ts';
import type { ModeChange } from './flight-modes.ts';

export interface FlightData {
  log: FlightLog;
  track: FlightTrack;
  series: FlightSeries;
}

type Loaded = FlightData | { problem: string };

/** A load started before the page's code arrived (see prefetchFlight), taken by the page once. */
interface Early<T> {
  id: string;
  at: number;
  answer: Promise<T>;
}
let earlyFlight: Early<Loaded> | null = null;
let earlyModes: Early<ModeChange[] | null> | null = null;
/** An older prefetch is not taken: the page shows what the server says now. */
const EARLY_MS = 10_000;

const take = <T>(early: Early<T> | null, id: string): Promise<T> | null =>
  early && early.id === id && performance.now() - early.at < EARLY_MS ? early.answer : null;

/**
 * Starts loading a flight now, for the flight page to take when it renders. The console's entry calls
 * it when the first address is a flight page, so the answers (summary, track, series, modes) travel
 * while the session check and the page's code (uPlot, MapLibre) do instead of after them.
 */
export function prefetchFlight(id: string): void {
  const at = performance.now();
  earlyFlight = { id, at, answer: fetchFlight(id) };
  earlyModes = { id, at, answer: fetchModes(id) };
}

/** The summary, the map's track and the charts' series, asked for at once (or the prefetched load). */
export function loadFlight(id: string): Promise<Loaded> {
  const mine = take(earlyFlight, id);
  earlyFlight = null;
  // A refused prefetch (the session had ended: the console signs in and comes back) is asked again.
  return mine ? mine.then((d) => ('problem' in d ? fetchFlight(id) : d)) : fetchFlight(id);
}

/** The flight's modes (the prefetched answer when there is one); none, or a refusal, is an empty list. */
export async function loadFlightModes(id: string): Promise<ModeChange[]> {
  const mine = take(earlyModes, id);
  earlyModes = null;
  return (await mine) ?? (await fetchModes(id)) ?? [];
}

async function fetchFlight(id: string): Promise<Loaded> {
  const path = { params: { path: { id } } };
  const [log, track, series] = await Promise.all([
    api.GET('/v1/flightlogs/{id}', path),
    api.GET('/v1/flightlogs/{id}/track', path),
    api.GET('/v1/flightlogs/{id}/series', path),
  ]);
  for (const r of [log, track, series])
    if (!r.data)
      return { problem: r.response.status === 404 ? 'No such flight.' : errorText(r.error, r.response) };
  return { log: log.data!, track: track.data!, series: series.data! };
}

/** null when the server did not answer with modes (a refusal is asked again by loadFlightModes). */
async function fetchModes(id: string): Promise<ModeChange[] | null> {
  const r = await api.GET('/v1/flightlogs/{id}/modes', { params: { path: { id } } });
  return r.data?.modes ?? null;
}
