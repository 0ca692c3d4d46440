import { ConfigError } from '../config/index.ts';
import { checkCommand } from './check-command.ts';
import { type Command, type Io, UsageError } from './command.ts';
import { datasetsCommand } from './datasets-command.ts';
import { importCommand } from './import-command.ts';
import { logsCommand } from './logs-command.ts';
import { serveCommand } from './serve-command.ts';
import { statsCommand } from './stats-command.ts';
import { zonesCommand } from './zones-command.ts';

const COMMANDS: Command[] = [
  serveCommand,
  importCommand,
  zonesCommand,
  checkCommand,
  datasetsCommand,
  logsCommand,
  statsCommand,
];

function overview(): string {
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
  return `airlock — the Airlock server and operator tools

usage: airlock <command> [options]     (airlock <command> --help for each)

commands:
${lines.join('\n')}
`;
}

/** Runs one CLI invocation; returns the exit code (2 for usage errors). */
export async function main(
  argv: string[],
  io: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) },
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(overview());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`unknown command "${name}"\n\n${overview()}`);
    return 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`airlock ${name}: ${e.message}\n\n${cmd.usage}\n`);
      return 2;
    }
    if (e instanceof ConfigError) {
      io.err(`${e.message}\n`);
      return 2;
    }
    io.err(`airlock ${name}: ${(e as Error).message}\n`);
    return 1;
  }
}
