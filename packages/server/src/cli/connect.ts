import { randomBytes } from 'node:crypto';
import type { loadConfig } from '../config/index.ts';
import { DataDirLockedError, readLock, resolveDataDir } from '../data-dir/index.ts';
import { createLogger } from '../log/index.ts';
import type { Io } from './command.ts';
import { UsageError } from './command.ts';
import { type Answer, type RequestInit, send } from './http-client.ts';

/** How a CLI command reaches the server's state: always through its HTTP API. */
export interface Connection {
  /** 'remote': --server / AIRLOCK_URL; 'local': the server that holds the data dir; 'standalone': no server runs, the data dir is opened in this process. */
  mode: 'remote' | 'local' | 'standalone';
  baseUrl: string;
  /** Operator bearer token, when one is known. */
  operatorToken?: string;
  fetch(path: string, init?: RequestInit): Promise<Answer>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  server?: string;
  token?: string;
  env?: Record<string, string | undefined>;
}

/**
 * Finds the server to talk to, like psql or redis-cli do: `--server` or AIRLOCK_URL; else the server
 * that holds the local data dir (its URL and an operator token are in the lock file, readable only by
 * the owner); else, when no server runs, the data dir opened in this process — holding its lock, so
 * a server started meanwhile is refused rather than sharing the files. Says which on stderr.
 */
export async function connect(io: Io, options: ConnectOptions = {}): Promise<Connection> {
  const env = options.env ?? process.env;
  const remote = options.server ?? env.AIRLOCK_URL;
  if (remote) {
    if (!/^https?:\/\/[^/]/.test(remote)) throw new UsageError('--server must be an http:// or https:// URL');
    const baseUrl = remote.replace(/\/+$/, '');
    io.err(`airlock: using the server at ${baseUrl}\n`);
    return httpConnection('remote', baseUrl, options.token ?? env.AIRLOCK_ADMIN_TOKEN);
  }
  // Loaded here, not at the top: `airlock <command> --help` must not load zod and the config schema.
  const config = (await import('../config/index.ts')).loadConfig(env);
  const dataDir = resolveDataDir(config.AIRLOCK_DATA_DIR);
  const holder = readLock(dataDir.path);
  if (holder?.kind === 'server' && holder.url) {
    io.err(`airlock: using the server at ${holder.url} (pid ${holder.pid}, data dir ${dataDir.path})\n`);
    return httpConnection('local', holder.url, options.token ?? holder.token);
  }
  if (holder) throw new DataDirLockedError(dataDir.path, holder);
  if (!config.DATABASE_URL && !dataDir.exists)
    throw new UsageError(
      `no Airlock server is running and there is no data dir at ${dataDir.path} (nor above the current folder).\n` +
        'Start the server with `npm start` (it creates one), or name one with AIRLOCK_DATA_DIR, --server or AIRLOCK_URL.',
    );
  io.err(
    `airlock: no server is running; opening ${config.DATABASE_URL ? 'the database' : dataDir.path} directly\n`,
  );
  return standalone({ ...config, AIRLOCK_DATA_DIR: dataDir.path });
}

function httpConnection(mode: Connection['mode'], baseUrl: string, operatorToken?: string): Connection {
  return {
    mode,
    baseUrl,
    operatorToken,
    fetch: (path, init) => send(`${baseUrl}${path}`, init),
    close: async () => {},
  };
}

/** The server's own app, in this process, on the data dir (locked as a CLI owner). */
async function standalone(config: ReturnType<typeof loadConfig>): Promise<Connection> {
  const { openServices } = await import('../server.ts');
  const { createApp } = await import('../http/index.ts');
  const log = createLogger('warn');
  const services = await openServices(config, log, { owner: 'cli' });
  // Nobody else can reach an in-process app: a token of its own makes the operator routes usable.
  const token = randomBytes(32).toString('base64url');
  const app = createApp({ config, log, ...services, localOperatorToken: token });
  const baseUrl = 'http://airlock.standalone';
  return {
    mode: 'standalone',
    baseUrl,
    operatorToken: token,
    fetch: async (path, init) => {
      const res = await app.fetch(
        new Request(`${baseUrl}${path}`, { ...init, body: init?.body as BodyInit | undefined }),
      );
      const text = await res.text();
      return {
        status: res.status,
        ok: res.ok,
        headers: res.headers,
        text: async () => text,
        json: async () => JSON.parse(text),
      };
    },
    close: () => services.close(),
  };
}

/** The server's error message from a JSON error answer, or the status line. */
export async function errorOf(res: Answer): Promise<string> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: { message?: string } };
    if (body.error?.message) return `${body.error.message} (HTTP ${res.status})`;
  } catch {}
  return `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
}

/** Authorization header for operator routes; a clear error when no token is known. */
export function operatorHeaders(conn: Connection): Record<string, string> {
  if (!conn.operatorToken)
    throw new UsageError(
      `${conn.baseUrl} needs an operator token for this: pass --token or set AIRLOCK_ADMIN_TOKEN`,
    );
  return { authorization: `Bearer ${conn.operatorToken}` };
}
