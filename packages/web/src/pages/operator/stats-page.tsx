import { useEffect, useState } from 'preact/hooks';
import { api, errorText } from '../../api/client.ts';
import type { components } from '../../api/openapi.gen.ts';
import { bearer } from './operator-token.ts';

type Stats = components['schemas']['TelemetryStats'];
type Counter = Stats['counters'][number];
type RequestCount = { day: string; route: string; count: number };

/**
 * The aggregate statistics, and only those: telemetry counters and histograms, error groups, request
 * counts per route and day. The server publishes nothing per pilot; the page states how small groups
 * are suppressed and what noise is added, as the server reports them.
 */
export function StatsPage({ token }: { token: string }) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [requests, setRequests] = useState<RequestCount[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const headers = bearer(token);
    api.GET('/v1/admin/stats/telemetry', { headers }).then(({ data, error, response }) => {
      if (data) setStats(data);
      else setProblem(errorText(error, response));
    });
    api.GET('/v1/admin/stats/requests', { headers }).then(({ data, error, response }) => {
      if (data) setRequests(data.counts);
      else setProblem(errorText(error, response));
    });
  }, [token]);

  if (problem)
    return (
      <p class="problem" role="alert">
        {problem}
      </p>
    );
  if (!stats || !requests) return <p aria-live="polite">Loading the statistics…</p>;
  const groups = groupCounters(stats.counters);
  return (
    <>
      <p class="privacy-note">
        {stats.from} to {stats.to}. Any number made up of fewer than{' '}
        <strong>{stats.privacy.min_group}</strong> reports is not published (rows left out:{' '}
        {stats.suppressed.rows}; values hidden: {stats.suppressed.values}).{' '}
        {stats.privacy.epsilon === null
          ? 'No noise is added (AIRLOCK_STATS_EPSILON is not set): the numbers are exact.'
          : `Laplace noise with ε = ${stats.privacy.epsilon} per day is added before suppression; published through ${stats.privacy.published_through}.`}{' '}
        There is no per-pilot view: the server keeps no row per report.
      </p>
      <h2>Telemetry counters and histograms</h2>
      {groups.length === 0 && <p>Nothing published yet.</p>}
      <div class="histograms">
        {groups.map(([key, rows]) => (
          <Histogram key={key} title={key} rows={rows} />
        ))}
      </div>
      <h2>Error groups</h2>
      {stats.errors.length === 0 ? (
        <p>No error group is published.</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Error</th>
              <th scope="col">Reports</th>
              <th scope="col">Events</th>
              <th scope="col">Crashes</th>
              <th scope="col">Seen</th>
            </tr>
          </thead>
          <tbody>
            {stats.errors.map((e) => (
              <tr key={e.fingerprint}>
                <th scope="row">
                  {e.error_type} <code class="sub">{e.fingerprint.slice(0, 12)}</code>
                  <pre class="stack">{e.sample_stack}</pre>
                </th>
                <td>{e.reports}</td>
                <td>{e.events ?? 'suppressed'}</td>
                <td>{e.crashes ?? 'suppressed'}</td>
                <td>
                  {e.first_day} – {e.last_day}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Requests per route and day</h2>
      <p class="sub">Counted by route pattern, never by address or user.</p>
      <table class="data requests-table">
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Route</th>
            <th scope="col">Requests</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((r) => (
            <tr key={`${r.day} ${r.route}`}>
              <td>{r.day}</td>
              <th scope="row">
                <code>{r.route}</code>
              </th>
              <td>{r.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function groupCounters(counters: Counter[]): [string, Counter[]][] {
  const groups = new Map<string, Counter[]>();
  for (const c of counters) {
    const key = `${c.category}: ${c.dimension}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

/** One dimension's values as bars (flight-experience buckets, timings, versions, features). */
function Histogram({ title, rows }: { title: string; rows: Counter[] }) {
  const max = Math.max(1, ...rows.map((r) => r.total ?? 0));
  return (
    <figure class="histogram">
      <figcaption>{title}</figcaption>
      <table>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.day ?? ''}${r.value}`}>
              <th scope="row">{r.value}</th>
              <td class="bar-cell">
                <span class="bar" style={{ width: `${((r.total ?? 0) / max) * 100}%` }} />
              </td>
              <td>{r.total ?? 'suppressed'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
