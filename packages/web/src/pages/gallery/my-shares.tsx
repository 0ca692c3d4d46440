import { useEffect, useState } from 'preact/hooks';
import { api, errorText } from '../../api/client.ts';
import type { MediaItem } from './media-api.ts';
import { MediaCard } from './media-card.tsx';

/** The pilot's own shares (hidden ones marked), each deletable; the public name they are credited with. */
export function MyShares() {
  const [items, setItems] = useState<MediaItem[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const load = async () => {
    const { data, error, response } = await api.GET('/v1/media/mine', { params: { query: { limit: 100 } } });
    if (data) setItems(data.items);
    else setProblem(errorText(error, response));
  };
  useEffect(() => {
    load();
  }, []);

  const remove = async (id: string) => {
    const { error, response } = await api.DELETE('/v1/media/{id}', { params: { path: { id } } });
    setConfirming(null);
    if (!response.ok) setProblem(errorText(error, response));
    await load();
  };

  return (
    <>
      <PublicName />
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {!items && !problem && <p aria-live="polite">Loading…</p>}
      {items && items.length === 0 && (
        <p>You have shared nothing. Photos and videos are shared from the flight app, one at a time.</p>
      )}
      {items && items.length > 0 && (
        <ul class="media-grid">
          {items.map((item) => (
            <MediaCard key={item.id} item={item}>
              {confirming === item.id ? (
                <p class="confirm">
                  <button type="button" class="danger" onClick={() => remove(item.id)}>
                    Delete for good
                  </button>{' '}
                  <button type="button" onClick={() => setConfirming(null)}>
                    Keep
                  </button>
                </p>
              ) : (
                <button type="button" class="quiet" onClick={() => setConfirming(item.id)}>
                  Delete
                </button>
              )}
            </MediaCard>
          ))}
        </ul>
      )}
    </>
  );
}

function PublicName() {
  const [name, setName] = useState<string | null | undefined>(undefined);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    api.GET('/v1/media/profile').then(({ data }) => setName(data ? data.public_name : null));
  }, []);
  if (name === undefined) return null;
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const value = String(new FormData(e.currentTarget as HTMLFormElement).get('name') ?? '').trim();
    const { data, error, response } = await api.PUT('/v1/media/profile', {
      body: { public_name: value || null },
    });
    setSaved(data ? 'Saved: every one of your shares shows it now.' : errorText(error, response));
    if (data) setName(data.public_name);
  };
  return (
    <form class="stack public-name" onSubmit={submit}>
      <label>
        Public name under your shares (empty: none; never your e-mail)
        <input name="name" type="text" maxLength={60} value={name ?? ''} />
      </label>
      <button type="submit">Save the name</button>
      {saved && <p aria-live="polite">{saved}</p>}
    </form>
  );
}
