import { useEffect, useState } from 'preact/hooks';
import { api, errorText, type FlightLog } from '../../api/client.ts';
import { useSession } from '../../session.tsx';
import { duration, utc } from '../../ui/format.ts';
import { type FlyPath, replayPath } from './fly-sim.ts';

/** How many of the pilot's newest flights the picker offers. */
const OFFERED = 25;

/**
 * "Replay a synced log": one of the signed-in pilot's flights, flown again through the SDK from its
 * first fix. Its track comes from the pilot's own /series (the server already holds it); the SDK then
 * treats it like any flight: a location check by cell, warnings on the device.
 */
export function ReplayPicker(props: { disabled: boolean; onPath: (path: FlyPath, name: string) => void }) {
  const { pilot } = useSession();
  const [flights, setFlights] = useState<FlightLog[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!pilot) return;
    api.GET('/v1/flightlogs', { params: { query: { limit: OFFERED } } }).then(({ data, error, response }) => {
      if (data) setFlights(data.items);
      else setProblem(errorText(error, response));
    });
  }, [pilot]);

  if (pilot === undefined) return null;
  if (pilot === null)
    return (
      <p class="hint">
        <a href="/sign-in">Sign in</a> to replay one of your synced flights instead.
      </p>
    );

  const choose = async (id: string) => {
    if (!id) return;
    setProblem(null);
    const { data, error, response } = await api.GET('/v1/flightlogs/{id}/series', {
      params: { path: { id }, query: { fields: 'lat_deg,lon_deg,alt_rel_m' } },
    });
    if (!data) return setProblem(errorText(error, response));
    const path = replayPath(data);
    const flight = flights?.find((f) => f.id === id);
    if (!path) return setProblem('This flight has no GPS track to replay.');
    props.onPath(path, flight?.filename ?? id);
  };

  return (
    <p>
      <label for="fly-replay">Replay one of your flights</label>{' '}
      <select
        id="fly-replay"
        disabled={props.disabled || !flights || flights.length === 0}
        onChange={(e) => void choose((e.target as HTMLSelectElement).value)}
      >
        <option value="">{flights && flights.length === 0 ? 'no synced flight yet' : 'choose…'}</option>
        {flights?.map((f) => (
          <option key={f.id} value={f.id}>
            {f.filename}, {utc(f.summary.start ?? f.uploaded_at)}, {duration(f.summary.duration_s)}
          </option>
        ))}
      </select>
      {problem && (
        <span class="problem" role="alert">
          {' '}
          {problem}
        </span>
      )}
    </p>
  );
}
