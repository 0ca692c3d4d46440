import { api, errorText, type FlightLog, type FlightSeries, type FlightTrack } from '../../api/client.ts';

export interface FlightData {
  log: FlightLog;
  track: FlightTrack;
  series: FlightSeries;
}

/** The summary, the map's track and the charts' series, asked for at once. */
export async function loadFlight(id: string): Promise<FlightData | { problem: string }> {
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
