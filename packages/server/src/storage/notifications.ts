import pg from 'pg';

/** Channel names are SQL identifiers written into LISTEN: only plain ones are accepted. */
export function checkChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid notification channel ${channel}`);
  return channel;
}

/**
 * LISTEN on a dedicated PostgreSQL connection (a pooled one would be handed to other queries). When the
 * connection drops, it reconnects with backoff and calls `fn('reconnected')`: notifications sent while
 * it was away are lost, so the listener must re-read what it watches.
 */
export async function listenPostgres(
  url: string,
  channel: string,
  fn: (payload: string) => void,
  searchPath?: string,
): Promise<() => Promise<void>> {
  checkChannel(channel);
  let client: pg.Client | null = null;
  let stopped = false;
  let delay = 250;
  const connect = async (first: boolean): Promise<void> => {
    const c = new pg.Client({ connectionString: url, ...(searchPath ? { options: searchPath } : {}) });
    c.on('notification', (n) => {
      if (n.channel === channel) fn(n.payload ?? '');
    });
    c.on('error', () => {});
    c.on('end', () => {
      if (stopped || client !== c) return;
      client = null;
      setTimeout(() => reconnect(), delay).unref();
    });
    await c.connect();
    await c.query(`LISTEN ${channel}`);
    client = c;
    delay = 250;
    if (!first) fn('reconnected');
  };
  const reconnect = () => {
    if (stopped) return;
    connect(false).catch(() => {
      delay = Math.min(delay * 2, 10_000);
      setTimeout(() => reconnect(), delay).unref();
    });
  };
  await connect(true);
  return async () => {
    stopped = true;
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
}
