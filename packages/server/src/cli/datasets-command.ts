import { loadConfig } from '../config/index.ts';
import { createLogger } from '../log/index.ts';
import { openServices } from '../server.ts';
import { type Command, parseCommandArgs, UsageError } from './command.ts';

export const datasetsCommand: Command = {
  name: 'datasets',
  summary: 'list or remove airspace datasets',
  usage: `airlock datasets [list] [--json]
airlock datasets remove ID

Lists the datasets in the server's database with version (content hash), zone counts and source, or
removes one. Servers pick up the change within AIRLOCK_DATASET_POLL_S seconds.`,
  async run(args, io) {
    const { values, positionals, help } = parseCommandArgs(args, { json: { type: 'boolean' } });
    if (help) return (io.out(`${this.usage}\n`), 0);
    const action = positionals[0] ?? 'list';
    if (!['list', 'remove'].includes(action))
      throw new UsageError(`unknown action "${action}": use list or remove`);
    if (action === 'remove' && positionals.length !== 2)
      throw new UsageError('usage: airlock datasets remove ID');
    const config = loadConfig({ ...process.env, AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false' });
    const services = await openServices(config, createLogger('warn'));
    try {
      if (action === 'remove') {
        const ok = await services.airspace.removeDataset(positionals[1]);
        io.out(ok ? `removed ${positionals[1]}\n` : `no dataset ${positionals[1]}\n`);
        return ok ? 0 : 1;
      }
      const list = await services.airspace.store.list();
      if (values.json) {
        io.out(
          `${JSON.stringify(
            list.map(({ issues: _i, ...d }) => d),
            null,
            2,
          )}\n`,
        );
        return 0;
      }
      if (list.length === 0) io.out('no datasets\n');
      for (const d of list) {
        io.out(
          `${d.id}  version ${d.version}  ${d.zoneCount} zones  source ${d.source}${d.bundled ? '  (bundled)' : ''}  imported ${d.importedAt}\n`,
        );
      }
      return 0;
    } finally {
      await services.close();
    }
  },
};
