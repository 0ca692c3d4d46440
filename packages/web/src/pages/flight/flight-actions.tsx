import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { type ApiPath, api, errorText } from '../../api/client.ts';
import { SharePanel } from '../share/share-panel.tsx';

const EXPORTS = [
  ['csv', 'CSV (every sample)'],
  ['gpx', 'GPX'],
  ['kml', 'KML'],
  ['geojson', 'GeoJSON'],
] as const;
// Each export link is a route of the API: renaming one breaks this build, not the link.
type ExportPath =
  | `/v1/flightlogs/{id}/export.${(typeof EXPORTS)[number][0]}`
  | '/v1/flightlogs/{id}/original';
const _routesExist: ExportPath extends ApiPath ? true : never = true;

const href = (id: string, path: ExportPath) => path.replace('{id}', encodeURIComponent(id));

/** Sharing, downloads (cookie-authenticated GETs, so plain links) and delete, which asks once. */
export function FlightActions({ id }: { id: string }) {
  const { route } = useLocation();
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const remove = async () => {
    const { error, response } = await api.DELETE('/v1/flightlogs/{id}', { params: { path: { id } } });
    if (response.ok) route('/flights');
    else setProblem(errorText(error, response));
  };

  return (
    <>
      <SharePanel id={id} />
      <section class="actions" aria-labelledby="actions-title">
        <h2 id="actions-title">Download</h2>
        <ul class="downloads">
          {EXPORTS.map(([ext, label]) => (
            <li key={ext}>
              <a href={href(id, `/v1/flightlogs/{id}/export.${ext}`)} download>
                {label}
              </a>
            </li>
          ))}
          <li>
            <a href={href(id, '/v1/flightlogs/{id}/original')} download>
              Original file
            </a>
          </li>
        </ul>
        {!asking ? (
          <button type="button" class="danger" onClick={() => setAsking(true)}>
            Delete this flight…
          </button>
        ) : (
          <p role="alert" class="confirm">
            Delete the flight, its original file and everything derived from it? This cannot be undone.{' '}
            <button type="button" class="danger" onClick={remove}>
              Delete
            </button>{' '}
            <button type="button" onClick={() => setAsking(false)}>
              Keep it
            </button>
          </p>
        )}
        {problem && (
          <p class="problem" role="alert">
            {problem}
          </p>
        )}
      </section>
    </>
  );
}
