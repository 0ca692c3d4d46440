import { Readable } from 'node:stream';
import { main } from '../cli/main.ts';

/** Runs one `airlock` invocation in this process, with `stdin` as its standard input; collects the output. */
export async function runCli(
  argv: string[],
  options: { stdin?: string } = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    in: Readable.from([options.stdin ?? '']),
  });
  return { code, out, err };
}
