import { readFileSync } from 'node:fs';

export interface ReadmeBlock {
  lang: 'sh' | 'ts';
  /** 1-based line of the opening fence, for messages. */
  line: number;
  text: string;
}

/** The ```sh and ```ts blocks of a Markdown file, in order. */
export function readmeBlocks(path: string): ReadmeBlock[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const out: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(sh|ts)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i].startsWith('```'); i++) body.push(lines[i]);
    out.push({ lang: open[1] as 'sh' | 'ts', line: start + 1, text: body.join('\n') });
  }
  return out;
}

/** Shell commands of a block: backslash continuations joined, blank lines and comments dropped. */
export function shellCommands(text: string): string[] {
  return text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}
