import { useEffect, useState } from 'preact/hooks';
import { api, errorText } from '../../api/client.ts';
import type { components } from '../../api/openapi.gen.ts';
import { utc } from '../../ui/format.ts';

type FlightShare = components['schemas']['FlightShare'];

const EXPIRIES = [
  [3600, '1 hour'],
  [86_400, '1 day'],
  [7 * 86_400, '7 days'],
  [30 * 86_400, '30 days'],
] as const;
const LOCATIONS = {
  trim: 'Hide take-off and landing (nothing within 300 m of them is shown)',
  offset: 'Move the whole track by a secret distance (5–50 km, never shown)',
} as const;
type Location = keyof typeof LOCATIONS;

/**
 * Share this flight by link: private until the pilot makes one. The link (its token) is shown once,
 * right after it is made: the server keeps only its hash, so the list can revoke but not re-show it.
 */
export function SharePanel({ id }: { id: string }) {
  const path = { params: { path: { id } } };
  const [shares, setShares] = useState<FlightShare[] | null>(null);
  const [expires, setExpires] = useState<number>(EXPIRIES[1][0]);
  const [location, setLocation] = useState<Location>('trim');
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const reload = async () => {
    const { data, error, response } = await api.GET('/v1/flightlogs/{id}/shares', path);
    if (data) setShares(data.items);
    else setProblem(errorText(error, response));
  };
  useEffect(() => {
    reload();
  }, [id]);

  const create = async (e: Event) => {
    e.preventDefault();
    setProblem(null);
    const { data, error, response } = await api.POST('/v1/flightlogs/{id}/shares', {
      ...path,
      body: { expires_in_s: expires, location },
    });
    if (!data) return setProblem(errorText(error, response));
    setLink(new URL(data.path, window.location.origin).href);
    setCopied(false);
    await reload();
  };
  const revoke = async (shareId: string) => {
    const { error, response } = await api.DELETE('/v1/flightlogs/{id}/shares/{shareId}', {
      params: { path: { id, shareId } },
    });
    if (!response.ok) setProblem(errorText(error, response));
    await reload();
  };
  const copy = async () => {
    if (!link) return;
    await navigator.clipboard.writeText(link).then(
      () => setCopied(true),
      () => setProblem('The browser refused the clipboard: select the link and copy it.'),
    );
  };

  return (
    <section class="share" aria-labelledby="share-title">
      <h2 id="share-title">Share</h2>
      <p>
        This flight is private. A link shows its summary, track and charts to anyone who has it, until it
        expires or you revoke it; never your e-mail address or the true place.
      </p>
      <form onSubmit={create}>
        <label>
          Expires after{' '}
          <select value={expires} onChange={(e) => setExpires(Number(e.currentTarget.value))}>
            {EXPIRIES.map(([s, label]) => (
              <option key={s} value={s}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Location</legend>
          {(Object.keys(LOCATIONS) as Location[]).map((k) => (
            <label key={k}>
              <input
                type="radio"
                name="share-location"
                value={k}
                checked={location === k}
                onChange={() => setLocation(k)}
              />{' '}
              {LOCATIONS[k]}
            </label>
          ))}
        </fieldset>
        <button type="submit">Create link</button>
      </form>
      {link && (
        <p>
          <label>
            Link (shown once) <input class="share-link" type="text" readOnly value={link} size={60} />
          </label>{' '}
          <button type="button" onClick={copy}>
            {copied ? 'Copied' : 'Copy link'}
          </button>
        </p>
      )}
      {shares && shares.length > 0 && (
        <ul class="shares">
          {shares.map((s) => (
            <li key={s.id}>
              {s.location === 'trim' ? 'Take-off and landing hidden' : 'Track moved'}, expires{' '}
              {utc(s.expires_at)}{' '}
              <button type="button" onClick={() => revoke(s.id)}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
