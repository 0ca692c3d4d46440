/** Test-only: a Database that counts the statements run through it (in and outside transactions). */
import type { Database, Queryable } from '../storage/index.ts';

export interface CountingDatabase extends Database {
  statements: string[];
  failNext: number;
}

export function countingDatabase(db: Database): CountingDatabase {
  const statements: string[] = [];
  const wrap = (q: Queryable): Queryable => ({
    async query(sql, params) {
      if (out.failNext > 0) {
        out.failNext--;
        throw Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
      }
      statements.push(sql.trim().split(/\s+/).slice(0, 3).join(' '));
      return q.query(sql, params);
    },
    exec: (sql) => q.exec(sql),
  });
  const out: CountingDatabase = {
    ...db,
    ...wrap(db),
    kind: db.kind,
    statements,
    failNext: 0,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
  return out;
}
