import { type Command, parseCommandArgs, UsageError } from './command.ts';
import { connect, errorOf } from './connect.ts';
import { readPassword } from './password-input.ts';

export const accountsCommand: Command = {
  name: 'accounts',
  summary: 'create a pilot account (password from a prompt or standard input)',
  usage: `airlock accounts create --email EMAIL [--server URL]

Creates a pilot account on the running server (--server, AIRLOCK_URL, or the one holding the local data
dir; with none running, the data dir is opened here), as POST /v1/accounts does for an app. The password
is asked for on a terminal, or read from the first line of standard input — never from an argument,
where ps and shell history would show it:

  printf '%s\\n' "$PILOT_PASSWORD" | npx airlock accounts create --email pilot@example.com`,
  async run(args, io) {
    const { values, positionals, help } = parseCommandArgs(args, {
      email: { type: 'string' },
      server: { type: 'string' },
    });
    if (help) return (io.out(`${this.usage}\n`), 0);
    if (positionals[0] !== 'create' || positionals.length !== 1)
      throw new UsageError('usage: airlock accounts create --email EMAIL');
    const email = values.email;
    if (typeof email !== 'string' || email === '') throw new UsageError('give --email');
    const conn = await connect(io, { server: values.server as string });
    try {
      const password = await readPassword(`new password for ${email}: `, io.in);
      const res = await conn.fetch('/v1/accounts', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (!res.ok) return (io.err(`airlock accounts: ${await errorOf(res)}\n`), 1);
      const body = (await res.json()) as { pilot?: { id: string }; id?: string };
      io.out(`created pilot ${body.pilot?.id ?? body.id ?? ''} (${email})\n`);
      return 0;
    } finally {
      await conn.close();
    }
  },
};
