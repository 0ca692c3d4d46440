import type { TelemetryCategory } from '@airlock/core';
import type { TelemetryStats } from '../telemetry/index.ts';
import { type Command, parseCommandArgs, UsageError } from './command.ts';
import { connect, errorOf, operatorHeaders } from './connect.ts';

function dayArg(
  isValidDay: (d: string) => boolean,
  name: string,
  raw: string | boolean | undefined,
  fallback: string,
): string {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !isValidDay(raw))
    throw new UsageError(`${name} must be a day as YYYY-MM-DD; got "${raw}"`);
  return raw;
}

function render(s: TelemetryStats): string {
  const lines: string[] = [];
  const p = s.privacy;
  lines.push(
    `telemetry ${s.from}..${s.to}${s.category ? ` (${s.category})` : ''}: counts below ${p.min_group} reports suppressed` +
      (p.epsilon
        ? `; Laplace noise, epsilon ${p.epsilon}, days through ${p.published_through} only`
        : '; no noise'),
  );
  let section = '';
  for (const c of s.counters) {
    const head = `${c.category} / ${c.dimension}`;
    if (head !== section) lines.push('', head);
    section = head;
    lines.push(
      `  ${c.day ? `${c.day}  ` : ''}${c.value.padEnd(24)} ${String(c.reports).padStart(8)} reports  ${String(c.total ?? '—').padStart(8)} total`,
    );
  }
  if (s.errors.length) lines.push('', 'error groups');
  for (const e of s.errors) {
    lines.push(
      `  ${e.day ? `${e.day}  ` : ''}${e.fingerprint}  ${e.error_type}  ${e.reports} reports, ${e.events ?? '—'} events, ${e.crashes ?? '—'} crashes, seen ${e.first_day}..${e.last_day}`,
    );
    for (const l of e.sample_stack.split('\n').slice(0, 6)) lines.push(`      ${l}`);
  }
  if (!s.counters.length && !s.errors.length) lines.push('', 'nothing to publish in this range');
  lines.push('', `suppressed: ${s.suppressed.rows} rows, ${s.suppressed.values} values`);
  return `${lines.join('\n')}\n`;
}

export const statsCommand: Command = {
  name: 'stats',
  summary: 'telemetry aggregates, as the operator API publishes them',
  usage: `airlock stats [--from DAY] [--to DAY] [--category app_performance|user_experience] [--by-day] [--json]
              [--server URL] [--token TOKEN]

Prints the telemetry aggregates as GET /v1/admin/stats/telemetry of the running server publishes them
(an operator action; --server, AIRLOCK_URL, or the server holding the local data dir): counts below AIRLOCK_STATS_MIN_GROUP reports suppressed and, with AIRLOCK_STATS_EPSILON
set, Laplace noise added and only closed days shown. --to defaults to today (UTC), --from to 30 days
before --to. --by-day keeps one row per day instead of summing the range.`,
  async run(args, io) {
    const { values, positionals, help } = parseCommandArgs(args, {
      from: { type: 'string' },
      to: { type: 'string' },
      category: { type: 'string' },
      'by-day': { type: 'boolean' },
      json: { type: 'boolean' },
      server: { type: 'string' },
      token: { type: 'string' },
    });
    if (help) {
      io.out(`${this.usage}\n`);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const { addDays, isValidDay, TELEMETRY_CATEGORIES, utcDay } = await import('@airlock/core');
    const to = dayArg(isValidDay, '--to', values.to, utcDay());
    const from = dayArg(isValidDay, '--from', values.from, addDays(to, -30));
    if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    const category = values.category as TelemetryCategory | undefined;
    if (category !== undefined && !TELEMETRY_CATEGORIES.includes(category))
      throw new UsageError(`--category must be one of ${TELEMETRY_CATEGORIES.join(', ')}; got "${category}"`);
    const query = new URLSearchParams({ from, to });
    if (category) query.set('category', category);
    if (values['by-day']) query.set('by_day', 'true');
    const conn = await connect(io, { server: values.server as string, token: values.token as string });
    try {
      const res = await conn.fetch(`/v1/admin/stats/telemetry?${query}`, { headers: operatorHeaders(conn) });
      if (!res.ok) return (io.err(`airlock stats: ${await errorOf(res)}\n`), 1);
      const stats = (await res.json()) as TelemetryStats;
      io.out(values.json ? `${JSON.stringify(stats, null, 2)}\n` : render(stats));
      return 0;
    } finally {
      await conn.close();
    }
  },
};
