import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, errorText, type FlightLog } from '../../api/client.ts';
import type { components } from '../../api/openapi.gen.ts';
import { utc } from '../../ui/format.ts';
import './parameters.css';

type Parameters = components['schemas']['FlightParameters'];
type Diff = components['schemas']['FlightParameterDiff'];
type Row = Parameters['values'][number] & { changes: { t_s: number; value: number }[] };

const num = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 9 });
const secs = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const TABS = [
  { key: 'list', label: 'Parameters' },
  { key: 'diff', label: 'Compare with another flight' },
] as const;
type Tab = (typeof TABS)[number]['key'];

/**
 * The autopilot's parameters as the log recorded them: a list (changed in flight first, then the ones
 * that differ from their default where the log states defaults, then the rest; a filter box) and a
 * comparison with another of the pilot's flights. Nothing is asked of the server until it is opened.
 */
export function FlightParameters({ log }: { log: FlightLog }) {
  const [open, setOpen] = useState(false);
  const [tab, setTab] = useState<Tab>('list');
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent, i: number) => {
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const k = (next + TABS.length) % TABS.length;
    setTab(TABS[k].key);
    tabs.current[k]?.focus();
  };
  return (
    <section aria-labelledby="parameters-title" class="parameters">
      <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>
          <h2 id="parameters-title">Parameters</h2>
        </summary>
        {open && (
          <>
            <div role="tablist" aria-label="Parameters" class="tabs">
              {TABS.map((t, i) => (
                <button
                  key={t.key}
                  type="button"
                  role="tab"
                  id={`param-tab-${t.key}`}
                  aria-selected={tab === t.key}
                  aria-controls={`param-panel-${t.key}`}
                  tabIndex={tab === t.key ? 0 : -1}
                  ref={(el) => {
                    tabs.current[i] = el;
                  }}
                  onClick={() => setTab(t.key)}
                  onKeyDown={(e) => onKey(e, i)}
                >
                  {t.label}
                </button>
              ))}
            </div>
            <div role="tabpanel" id={`param-panel-${tab}`} aria-labelledby={`param-tab-${tab}`}>
              {tab === 'list' ? <ParameterList id={log.id} /> : <ParameterDiff log={log} />}
            </div>
          </>
        )}
      </details>
    </section>
  );
}

function ParameterList({ id }: { id: string }) {
  const [params, setParams] = useState<Parameters | { problem: string } | null>(null);
  const [filter, setFilter] = useState('');
  useEffect(() => {
    let live = true;
    api.GET('/v1/flightlogs/{id}/parameters', { params: { path: { id } } }).then((r) => {
      if (live) setParams(r.data ?? { problem: errorText(r.error, r.response) });
    });
    return () => {
      live = false;
    };
  }, [id]);
  const rows = useMemo(() => (params && 'values' in params ? ordered(params) : []), [params]);
  if (!params) return <p aria-live="polite">Loading the parameters…</p>;
  if ('problem' in params)
    return (
      <p class="problem" role="alert">
        {params.problem}
      </p>
    );
  if (rows.length === 0) return <p class="hint">This log records no autopilot parameters.</p>;
  const hasDefaults = rows.some((r) => r.default !== null);
  const needle = filter.trim().toUpperCase();
  const shown = needle ? rows.filter((r) => r.name.toUpperCase().includes(needle)) : rows;
  const changed = rows.filter((r) => r.changes.length > 0).length;
  const nonDefault = rows.filter(differsFromDefault).length;
  return (
    <>
      <p class="hint">
        {rows.length} parameters; {changed} changed during the flight
        {hasDefaults ? `, ${nonDefault} differ from the firmware default` : '; the log states no defaults'}.
        Values as logged when the flight started.
      </p>
      <label class="param-filter">
        Filter parameters{' '}
        <input
          type="search"
          value={filter}
          onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)}
          placeholder="e.g. MPC_ or RTL"
        />
      </label>
      <p class="sub" aria-live="polite">
        {shown.length === rows.length ? `${rows.length} shown` : `${shown.length} of ${rows.length} shown`}
      </p>
      <div class="param-scroll">
        <table class="params">
          <caption class="sr-only">Parameters of this flight</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value at start</th>
              {hasDefaults && <th scope="col">Default</th>}
              <th scope="col">Changed during the flight</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr
                key={r.name}
                class={r.changes.length > 0 ? 'changed' : differsFromDefault(r) ? 'non-default' : ''}
              >
                <th scope="row">
                  {r.name}
                  {r.changes.length > 0 ? (
                    <span class="tag">changed in flight</span>
                  ) : differsFromDefault(r) ? (
                    <span class="tag">not default</span>
                  ) : null}
                </th>
                <td>{num.format(r.value)}</td>
                {hasDefaults && <td>{r.default === null ? '—' : num.format(r.default)}</td>}
                <td>
                  {r.changes.length === 0
                    ? ''
                    : r.changes.map((c) => `${num.format(c.value)} at ${secs.format(c.t_s)} s`).join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function differsFromDefault(r: Row): boolean {
  return r.default !== null && r.default !== r.value;
}

/** Changed in flight first, then non-default (where defaults are known), then the rest; by name within. */
function ordered(p: Parameters): Row[] {
  const changes = new Map<string, { t_s: number; value: number }[]>();
  for (const c of p.changes) {
    let list = changes.get(c.name);
    if (!list) changes.set(c.name, (list = []));
    list.push({ t_s: c.t_s, value: c.value });
  }
  const rank = (r: Row) => (r.changes.length > 0 ? 0 : differsFromDefault(r) ? 1 : 2);
  return p.values
    .map((v) => ({ ...v, changes: changes.get(v.name) ?? [] }))
    .sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function ParameterDiff({ log }: { log: FlightLog }) {
  const [others, setOthers] = useState<FlightLog[] | { problem: string } | null>(null);
  const [other, setOther] = useState('');
  const [diff, setDiff] = useState<Diff | { problem: string } | 'loading' | null>(null);
  useEffect(() => {
    let live = true;
    api.GET('/v1/flightlogs', { params: { query: { limit: 200 } } }).then((r) => {
      if (!live) return;
      if (!r.data) setOthers({ problem: errorText(r.error, r.response) });
      else setOthers(r.data.items.filter((f) => f.id !== log.id && PARAM_FORMATS.has(f.format)));
    });
    return () => {
      live = false;
    };
  }, [log.id]);
  useEffect(() => {
    if (!other) return setDiff(null);
    let live = true;
    setDiff('loading');
    api
      .GET('/v1/flightlogs/{id}/parameters/diff', {
        params: { path: { id: log.id }, query: { with: other } },
      })
      .then((r) => {
        if (live) setDiff(r.data ?? { problem: errorText(r.error, r.response) });
      });
    return () => {
      live = false;
    };
  }, [log.id, other]);
  if (!others) return <p aria-live="polite">Loading your flights…</p>;
  if ('problem' in others)
    return (
      <p class="problem" role="alert">
        {others.problem}
      </p>
    );
  if (others.length === 0)
    return (
      <p class="hint">You have no other flight with parameters (ULog, DataFlash or tlog) to compare with.</p>
    );
  const chosen = others.find((f) => f.id === other);
  return (
    <>
      <label class="param-filter">
        Flight to compare with{' '}
        <select value={other} onChange={(e) => setOther((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">— choose one of your flights —</option>
          {others.map((f) => (
            <option key={f.id} value={f.id}>
              {f.summary.start ? utc(f.summary.start) : 'no date'} · {f.filename}
            </option>
          ))}
        </select>
      </label>
      {diff === 'loading' && <p aria-live="polite">Comparing…</p>}
      {diff && diff !== 'loading' && 'problem' in diff && (
        <p class="problem" role="alert">
          {diff.problem}
        </p>
      )}
      {diff && diff !== 'loading' && 'changed' in diff && chosen && (
        <DiffTables diff={diff} otherName={chosen.filename} />
      )}
    </>
  );
}

const PARAM_FORMATS = new Set(['ulog', 'dataflash', 'tlog']);

function DiffTables({ diff, otherName }: { diff: Diff; otherName: string }) {
  const total = diff.changed.length + diff.added.length + diff.removed.length;
  return (
    <div class="param-diff" aria-live="polite">
      <p>
        {total === 0
          ? 'The two flights started with the same parameters.'
          : `${diff.changed.length} changed, ${diff.added.length} only in ${otherName}, ${diff.removed.length} only in this flight.`}
      </p>
      {diff.changed.length > 0 && (
        <table class="params">
          <caption>Changed</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">This flight</th>
              <th scope="col">{otherName}</th>
            </tr>
          </thead>
          <tbody>
            {diff.changed.map((c) => (
              <tr key={c.name}>
                <th scope="row">{c.name}</th>
                <td>{num.format(c.from)}</td>
                <td>{num.format(c.to)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(
        [
          ['added', `Only in ${otherName}`],
          ['removed', 'Only in this flight'],
        ] as const
      ).map(
        ([key, caption]) =>
          diff[key].length > 0 && (
            <table class="params" key={key}>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {diff[key].map((p) => (
                  <tr key={p.name}>
                    <th scope="row">{p.name}</th>
                    <td>{num.format(p.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ),
      )}
    </div>
  );
}
