import type { Readable } from 'node:stream';

/**
 * Reads a password the way `passwd` or `docker login --password-stdin` do, never from argv (where
 * `ps` and shell history would show it): from a prompt with echo off on a terminal, else the first
 * line of standard input.
 */
export async function readPassword(
  prompt: string,
  input: Readable & { isTTY?: boolean; setRawMode?: (on: boolean) => void } = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<string> {
  if (!input.isTTY) {
    let text = '';
    for await (const chunk of input) {
      text += chunk.toString();
      if (text.includes('\n')) break;
    }
    return text.split(/\r?\n/)[0] ?? '';
  }
  output.write(prompt);
  input.setRawMode?.(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (value: string | Error) => {
      input.setRawMode?.(false);
      input.pause();
      input.off('data', onData);
      output.write('\n');
      if (value instanceof Error) reject(value);
      else resolve(value);
    };
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(text);
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    input.on('data', onData);
  });
}
