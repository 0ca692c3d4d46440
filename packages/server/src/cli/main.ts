import type { Command, Io } from './command.ts';
import { UsageError } from './command.ts';

/**
 * Every command, loaded only when it runs: `airlock --help` reads this table and nothing else, so a
 * command's imports (the server, the database) cost only the command that needs them. Adding a
 * command is one entry here; its summary repeats the one in its file (a test checks they agree).
 */
export const COMMANDS: { name: string; summary: string; load: () => Promise<Command> }[] = [
  {
    name: 'serve',
    summary: 'start the HTTP API (embedded database and bundled airspace by default)',
    load: () => import('./serve-command.ts').then((m) => m.serveCommand),
  },
  {
    name: 'import',
    summary:
      'import a zone file (OurAirports, OpenAir, ED-269, ED-318, GeoJSON, FAA TFR, NOTAM) as a dataset',
    load: () => import('./import-command.ts').then((m) => m.importCommand),
  },
  {
    name: 'zones',
    summary: 'zones near a point, asked of the running server',
    load: () => import('./zones-command.ts').then((m) => m.zonesCommand),
  },
  {
    name: 'check',
    summary: 'run a location check through the SDK and show what was sent, what came back and the warnings',
    load: () => import('./check-command.ts').then((m) => m.checkCommand),
  },
  {
    name: 'datasets',
    summary: 'list or remove airspace datasets',
    load: () => import('./datasets-command.ts').then((m) => m.datasetsCommand),
  },
  {
    name: 'logs',
    summary: 'flight logs: print a summary of a file, or import it for a pilot',
    load: () => import('./logs-command.ts').then((m) => m.logsCommand),
  },
  {
    name: 'accounts',
    summary: 'create a pilot account (password from a prompt or standard input)',
    load: () => import('./accounts-command.ts').then((m) => m.accountsCommand),
  },
  {
    name: 'stats',
    summary: 'telemetry aggregates, as the operator API publishes them',
    load: () => import('./stats-command.ts').then((m) => m.statsCommand),
  },
  {
    name: 'relay',
    summary: 'run an Oblivious HTTP relay in front of a server: it learns who asks, the server learns what',
    load: () => import('./relay-command.ts').then((m) => m.relayCommand),
  },
];

function overview(): string {
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
  return `airlock — the Airlock server and operator tools

usage: airlock <command> [options]     (airlock <command> --help for each)

commands:
${lines.join('\n')}
`;
}

let pipeGuarded = false;

/** `airlock … | head` closes the pipe early: that is the reader's choice, not a crash (once per process). */
function guardPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

/** Runs one CLI invocation; returns the exit code (2 for usage errors). */
export async function main(
  argv: string[],
  io: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) },
): Promise<number> {
  guardPipe();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(overview());
    return name ? 0 : 2;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`unknown command "${name}"\n\n${overview()}`);
    return 2;
  }
  const cmd = await entry.load();
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`airlock ${name}: ${e.message}\n\n${cmd.usage}\n`);
      return 2;
    }
    // By name, not instanceof: importing config's class here would load zod for `airlock --help`.
    if ((e as Error).name === 'ConfigError') {
      io.err(`${(e as Error).message}\n`);
      return 2;
    }
    io.err(`airlock ${name}: ${(e as Error).message}\n`);
    return 1;
  }
}
