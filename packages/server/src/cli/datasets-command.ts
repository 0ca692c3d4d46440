import { type Command, parseCommandArgs, UsageError } from './command.ts';
import { connect, errorOf, operatorHeaders } from './connect.ts';

interface DatasetRow {
  id: string;
  version: string;
  zoneCount: number;
  source: string;
  bundled: boolean;
  importedAt: string;
}

export const datasetsCommand: Command = {
  name: 'datasets',
  summary: 'list or remove airspace datasets',
  usage: `airlock datasets [list] [--json] [--server URL] [--token TOKEN]
airlock datasets remove ID [--server URL] [--token TOKEN]

Lists the server's datasets with version (content hash), zone counts and source, or removes one (an
operator action). Talks to the running server (--server, AIRLOCK_URL, or the one holding the local data
dir); every server sees the change at once. With no server running, opens the data dir itself.`,
  async run(args, io) {
    const { values, positionals, help } = parseCommandArgs(args, {
      json: { type: 'boolean' },
      server: { type: 'string' },
      token: { type: 'string' },
    });
    if (help) return (io.out(`${this.usage}\n`), 0);
    const action = positionals[0] ?? 'list';
    if (!['list', 'remove'].includes(action))
      throw new UsageError(`unknown action "${action}": use list or remove`);
    if (action === 'remove' && positionals.length !== 2)
      throw new UsageError('usage: airlock datasets remove ID');
    const conn = await connect(io, { server: values.server as string, token: values.token as string });
    try {
      if (action === 'remove') {
        const id = positionals[1];
        const res = await conn.fetch(`/v1/admin/datasets/${encodeURIComponent(id)}`, {
          method: 'DELETE',
          headers: operatorHeaders(conn),
        });
        if (res.status === 404) return (io.out(`no dataset ${id}\n`), 1);
        if (!res.ok) return (io.err(`airlock datasets: ${await errorOf(res)}\n`), 1);
        io.out(`removed ${id}\n`);
        return 0;
      }
      const res = await conn.fetch('/v1/datasets');
      if (!res.ok) return (io.err(`airlock datasets: ${await errorOf(res)}\n`), 1);
      const { datasets } = (await res.json()) as { datasets: DatasetRow[] };
      if (values.json) return (io.out(`${JSON.stringify(datasets, null, 2)}\n`), 0);
      if (datasets.length === 0) io.out('no datasets\n');
      for (const d of datasets) {
        io.out(
          `${d.id}  version ${d.version}  ${d.zoneCount} zones  source ${d.source}${d.bundled ? '  (bundled)' : ''}  imported ${d.importedAt}\n`,
        );
      }
      return 0;
    } finally {
      await conn.close();
    }
  },
};
