import { useEffect, useState } from 'preact/hooks';
import { api, errorText } from '../../api/client.ts';
import { useSession } from '../../session.tsx';
import { itemTitle, LICENCE_NAMES, type MediaItem, REPORT_REASONS } from './media-api.ts';

/** One shared item: the stripped file itself (a video plays by range requests), who and under what licence. */
export function GalleryItem({ id }: { id: string }) {
  const [item, setItem] = useState<MediaItem | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.GET('/v1/media/{id}', { params: { path: { id } } }).then(({ data, error, response }) => {
      if (!live) return;
      if (data) setItem(data);
      else
        setProblem(
          response.status === 451 ? 'This item was hidden by the operator.' : errorText(error, response),
        );
    });
    return () => {
      live = false;
    };
  }, [id]);

  if (problem)
    return (
      <section>
        <h1>Shared item</h1>
        <p class="problem" role="alert">
          {problem}
        </p>
        <a href="/gallery">Back to the gallery</a>
      </section>
    );
  if (!item) return <p aria-live="polite">Loading…</p>;
  const title = itemTitle(item);
  return (
    <section class="media-item">
      <h1>{title}</h1>
      {item.kind === 'video' ? (
        // biome-ignore lint/a11y/useMediaCaption: shared footage has none: the server removes subtitle tracks (DJI writes positions into them)
        <video src={item.file_url} controls preload="metadata" aria-label={title} />
      ) : (
        <img
          src={item.file_url}
          alt={title}
          width={item.width ?? undefined}
          height={item.height ?? undefined}
        />
      )}
      <dl class="summary">
        <div>
          <dt>By</dt>
          <dd>{item.by ?? 'a pilot who chose no public name'}</dd>
        </div>
        <div>
          <dt>Licence</dt>
          <dd>{LICENCE_NAMES[item.licence]}</dd>
        </div>
        <div>
          <dt>Shared on</dt>
          <dd>{item.shared_on}</dd>
        </div>
        {item.location && (
          <div>
            <dt>Area</dt>
            <dd>
              {item.location.lat.toFixed(2)}, {item.location.lon.toFixed(2)} (within ~
              {item.location.precision_m / 1000} km, as the pilot chose)
            </dd>
          </div>
        )}
      </dl>
      <ReportForm id={item.id} />
    </section>
  );
}

function ReportForm({ id }: { id: string }) {
  const { pilot } = useSession();
  const [state, setState] = useState<'idle' | 'sending' | 'sent'>('idle');
  const [problem, setProblem] = useState<string | null>(null);
  if (!pilot)
    return (
      <p>
        <a href={`/sign-in?next=${encodeURIComponent(`/gallery/${id}`)}`}>Sign in</a> to report this item.
      </p>
    );
  if (state === 'sent')
    return <p class="ok">Thank you: the operator will look at it. Nobody sees who reported.</p>;
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const reason = String(form.get('reason')) as (typeof REPORT_REASONS)[number][0];
    const note = String(form.get('note') ?? '').trim();
    setState('sending');
    const { error, response } = await api.POST('/v1/media/{id}/reports', {
      params: { path: { id } },
      body: { reason, ...(note ? { note } : {}) },
    });
    setState(response.ok ? 'sent' : 'idle');
    setProblem(response.ok ? null : errorText(error, response));
  };
  return (
    <details class="report">
      <summary>Report this item</summary>
      <form class="stack" onSubmit={submit}>
        <label>
          Why
          <select name="reason" required>
            {REPORT_REASONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Anything the operator should know (optional)
          <textarea name="note" maxLength={500} rows={3} />
        </label>
        {problem && (
          <p class="problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={state === 'sending'}>
          Send the report
        </button>
      </form>
    </details>
  );
}
