import { type Command, numberArg, parseCommandArgs, UsageError } from './command.ts';

export const relayCommand: Command = {
  name: 'relay',
  summary: 'run an Oblivious HTTP relay in front of a server: it learns who asks, the server learns what',
  usage: `airlock relay --gateway URL [--port N] [--host ADDR] [--log-every SECONDS]

Forwards encapsulated requests (POST /, message/ohttp-req) to the gateway URL, e.g.
https://airlock.example/.well-known/ohttp, and their encapsulated answers back; serves the gateway's
keys at GET /.well-known/ohttp-gateway (fetched once per their cache lifetime, the same bytes for every
client). It adds no header (no Forwarded, no Via), passes none of the client's on, and logs only
totals (every --log-every seconds, default 60, when they changed): never an address, never a request.
Run it under a different operator than the server, or it hides nothing. Defaults: port 8081,
host 127.0.0.1.`,
  async run(args, io) {
    const { values, help } = parseCommandArgs(args, {
      gateway: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'log-every': { type: 'string' },
    });
    if (help) {
      io.out(`${this.usage}\n`);
      return 0;
    }
    if (typeof values.gateway !== 'string') throw new UsageError('--gateway URL is required');
    let gatewayUrl: URL;
    try {
      gatewayUrl = new URL(values.gateway);
    } catch {
      throw new UsageError(`--gateway must be a URL; got "${values.gateway}"`);
    }
    if (gatewayUrl.protocol !== 'http:' && gatewayUrl.protocol !== 'https:')
      throw new UsageError('--gateway must be an http:// or https:// URL');
    const port = numberArg('--port', values.port, 0, 65535) ?? 8081;
    const logEvery = numberArg('--log-every', values['log-every'], 1, 86_400) ?? 60;
    const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
    // Loaded after --help, and only the relay: none of the server, its database or zones.
    const { createLogger } = await import('../log/index.ts');
    const { startRelay } = await import('../ohttp-relay/index.ts');
    const log = createLogger('info');
    const relay = await startRelay({ gatewayUrl, host, port, logEveryMs: logEvery * 1000 }, log);
    io.out(`Airlock relay listening on ${relay.url} → ${gatewayUrl.href}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await relay.close();
    return 0;
  },
};
