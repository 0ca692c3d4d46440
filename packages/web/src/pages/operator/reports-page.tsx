import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, errorText } from '../../api/client.ts';
import type { components } from '../../api/openapi.gen.ts';
import { itemTitle, REPORT_REASONS } from '../gallery/media-api.ts';
import { bearer } from './operator-token.ts';

type Entry = components['schemas']['MediaReportQueue']['items'][number];
type Decision = 'hide' | 'restore' | 'dismiss' | 'remove';

const REASON_TEXT = new Map<string, string>(REPORT_REASONS);
const DONE: Record<Decision, string> = {
  hide: 'hidden: it answers 451 everywhere now',
  restore: 'restored',
  dismiss: 'reports dismissed; the item stays up',
  remove: 'removed: file, thumbnail and row are gone',
};

/**
 * The moderation queue of community media: items with open reports, the longest-waiting first, each
 * with its reasons counted and the reporters' notes (never who reported: the API does not say). Every
 * decision closes the item's reports, so a decided item leaves the queue.
 */
export function ReportsPage({ token }: { token: string }) {
  const [items, setItems] = useState<Entry[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const load = useCallback(async () => {
    const { data, error, response } = await api.GET('/v1/admin/media/reports', { headers: bearer(token) });
    if (data) setItems(data.items);
    else setProblem(errorText(error, response));
  }, [token]);
  useEffect(() => {
    load();
  }, [load]);

  const decide = async (entry: Entry, decision: Decision) => {
    if (decision === 'remove' && !confirm(`Remove “${itemTitle(entry.item)}” for good?`)) return;
    const { error, response } = await api.POST('/v1/admin/media/{id}/decision', {
      params: { path: { id: entry.item.id } },
      body: { decision },
      headers: bearer(token),
    });
    if (!response.ok) return setProblem(errorText(error, response));
    setProblem(null);
    setDone(`“${itemTitle(entry.item)}”: ${DONE[decision]}.`);
    await load();
  };

  return (
    <>
      <p aria-live="polite" class="hint">
        {done}
      </p>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {items === null && !problem && <p aria-live="polite">Loading the reports…</p>}
      {items?.length === 0 && <p>No open reports.</p>}
      {items && items.length > 0 && (
        <table class="data reports">
          <caption class="sub">
            {items.length} item{items.length === 1 ? '' : 's'} reported, the longest-waiting first
          </caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Reports</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <ReportRow key={e.item.id} entry={e} onDecide={(d) => decide(e, d)} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function ReportRow({ entry, onDecide }: { entry: Entry; onDecide: (d: Decision) => void }) {
  const { item, reports } = entry;
  const title = itemTitle(item);
  const counts = new Map<string, number>();
  for (const r of reports) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  const notes = reports.filter((r) => r.note);
  return (
    <tr>
      <th scope="row">
        <a href={`/gallery/${item.id}`} class="report-item">
          {item.thumbnail_url ? (
            <img src={item.thumbnail_url} alt="" width={96} height={72} loading="lazy" />
          ) : (
            <span class="no-preview">{item.kind === 'video' ? 'Video' : 'No preview'}</span>
          )}
          <span>{title}</span>
        </a>
        {item.hidden && <span class="sub"> (hidden)</span>}
      </th>
      <td>
        <ul class="reasons">
          {[...counts].map(([reason, n]) => (
            <li key={reason}>
              {REASON_TEXT.get(reason) ?? reason}: <strong>{n}</strong>
            </li>
          ))}
        </ul>
        {notes.length > 0 && (
          <ul class="notes sub">
            {notes.map((r, i) => (
              <li key={i}>
                “{r.note}” ({r.reported_on})
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <div class="row-actions">
          {item.hidden ? (
            <button type="button" onClick={() => onDecide('restore')} aria-label={`Restore ${title}`}>
              Restore
            </button>
          ) : (
            <button type="button" onClick={() => onDecide('hide')} aria-label={`Hide ${title}`}>
              Hide
            </button>
          )}
          <button
            type="button"
            class="secondary"
            onClick={() => onDecide('dismiss')}
            aria-label={`Dismiss the reports on ${title}`}
          >
            Dismiss
          </button>
          <button
            type="button"
            class="danger"
            onClick={() => onDecide('remove')}
            aria-label={`Remove ${title}`}
          >
            Remove
          </button>
        </div>
      </td>
    </tr>
  );
}
