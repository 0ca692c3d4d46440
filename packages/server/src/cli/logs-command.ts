import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { FlightSummary } from '@airlock/core';
import { type Command, type Io, parseCommandArgs, UsageError } from './command.ts';
import { type Connection, connect, errorOf } from './connect.ts';
import { readPassword } from './password-input.ts';

const USAGE = `airlock logs summary FILE [--json]
airlock logs import FILE --email EMAIL [--server URL]
airlock logs import FILE --token TOKEN [--server URL]

summary  Parses FILE (ULog, DataFlash .bin, MAVLink .tlog, DJI .txt, Airdata CSV, GPX, KML) without
         storing anything and prints its summary. --json prints one object: format, start (ISO or
         null), duration_s, distance_m, max_alt_m, max_alt_amsl_m, max_speed_mps,
         max_distance_from_home_m, battery_used_pct, aircraft, app, messages (count per message type
         or topic), warnings, file {name, size_bytes, sha256}.
import   Uploads FILE as a flight log of a pilot, as that pilot: signed in with --email and the
         password (asked for on a terminal, else read from the first line of standard input; never
         an argument), or with --token (a session token from POST /v1/sessions). It goes to --server,
         AIRLOCK_URL, or the server holding the local data dir (with none running, the data dir is
         opened here). Create the pilot first with \`airlock accounts create\`. The same file twice is
         stored once. A corrupt file exits 1 naming the byte offset; nothing is stored.`;

export const logsCommand: Command = {
  name: 'logs',
  summary: 'flight logs: print a summary of a file, or import it for a pilot',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals, help } = parseCommandArgs(args, {
      json: { type: 'boolean' },
      email: { type: 'string' },
      server: { type: 'string' },
      token: { type: 'string' },
    });
    if (help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const [sub, file, ...extra] = positionals;
    if (!sub || !['summary', 'import'].includes(sub)) throw new UsageError('give "summary" or "import"');
    if (!file || extra.length > 0) throw new UsageError('give exactly one FILE');
    if (!existsSync(file) || statSync(file).isDirectory()) throw new UsageError(`no such file: ${file}`);
    const bytes = readFileSync(file);
    if (sub === 'summary') return summaryOf(file, bytes, Boolean(values.json), io);
    const email = values.email as string | undefined;
    const server = values.server as string | undefined;
    const token = values.token as string | undefined;
    if (Boolean(email) === Boolean(token)) throw new UsageError('give either --email or --token');
    const conn = await connect(io, { server });
    try {
      if (token) return await upload(conn, file, bytes, token, io);
      const password = await readPassword(`password for ${email}: `, io.in);
      const signIn = await conn.fetch('/v1/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (!signIn.ok) return (io.err(`airlock logs: sign-in failed: ${await errorOf(signIn)}\n`), 1);
      const session = (await signIn.json()) as { token: string };
      try {
        return await upload(conn, file, bytes, session.token, io);
      } finally {
        // Leave no session behind: it was opened for this one upload.
        await conn.fetch('/v1/sessions/current', {
          method: 'DELETE',
          headers: { authorization: `Bearer ${session.token}` },
        });
      }
    } finally {
      await conn.close();
    }
  },
};

async function summaryOf(file: string, bytes: Buffer, json: boolean, io: Io): Promise<number> {
  const { FlightLogError, parseFlightLog } = await import('@airlock/core');
  let summary: FlightSummary;
  try {
    summary = parseFlightLog(new Uint8Array(bytes), { name: basename(file) }).summary;
  } catch (e) {
    if (e instanceof FlightLogError) {
      io.err(`${file}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (json) {
    io.out(
      `${JSON.stringify({ ...summary, file: { name: basename(file), size_bytes: bytes.length, sha256 } })}\n`,
    );
    return 0;
  }
  io.out(describeSummary(basename(file), summary));
  return 0;
}

function describeSummary(name: string, s: FlightSummary): string {
  const v = (x: number | null, unit: string, digits = 1) =>
    x === null ? '–' : `${x.toFixed(digits)} ${unit}`;
  const topics = Object.entries(s.messages).sort((a, b) => b[1] - a[1]);
  const lines = [
    `${name}: ${s.format}`,
    `  start               ${s.start ?? '– (no absolute time in the log)'}`,
    `  duration            ${v(s.duration_s, 's')}`,
    `  distance            ${v(s.distance_m, 'm')}`,
    `  max altitude        ${v(s.max_alt_m, 'm above take-off')}`,
    `  max speed           ${v(s.max_speed_mps, 'm/s')}`,
    `  max from home       ${v(s.max_distance_from_home_m, 'm')}`,
    `  battery used        ${v(s.battery_used_pct, '%', 0)}`,
    `  aircraft            ${s.aircraft ?? '–'}`,
    `  app                 ${s.app ?? '–'}`,
    `  messages            ${topics.reduce((n, [, c]) => n + c, 0)} in ${topics.length} types (${topics
      .slice(0, 5)
      .map(([t, c]) => `${t} ${c}`)
      .join(', ')}${topics.length > 5 ? ', …' : ''})`,
    ...s.warnings.map((w) => `  warning: ${w}`),
  ];
  return `${lines.join('\n')}\n`;
}

async function upload(conn: Connection, file: string, bytes: Buffer, token: string, io: Io): Promise<number> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const query = new URLSearchParams({ filename: basename(file), sha256 });
  const res = await conn.fetch(`/v1/flightlogs?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  const body = (await res.json().catch(() => null)) as {
    flightlog?: { id: string; format: string };
    created?: boolean;
    error?: { message: string };
  } | null;
  if (!res.ok || !body?.flightlog) {
    io.err(`${file}: server answered ${res.status}: ${body?.error?.message ?? 'no details'}\n`);
    return 1;
  }
  io.out(
    `${body.created ? 'imported' : 'already imported'}: flight log ${body.flightlog.id} (${body.flightlog.format})\n`,
  );
  return 0;
}
