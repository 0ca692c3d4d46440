/** What every store needs from SQL. One implementation per engine; the SQL is the same for both. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `fn` whenever `notify(channel)` is sent by any process on this database (PostgreSQL's
   * LISTEN/NOTIFY), and with 'reconnected' after a lost connection; resolves to a stop function.
   */
  listen(channel: string, fn: (payload: string) => void): Promise<() => Promise<void>>;
  /** Sends a notification to every listener of `channel`, this process's included. */
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}
