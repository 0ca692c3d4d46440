/**
 * Tests only, and the Node example of docs/sdk.md: an AppendStore over a folder. Each append is one
 * `appendFile` call (one write), so a kill can tear only the last one.
 */
import { appendFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppendStore } from '@airlock/sdk';

export function fileAppendStore(dir: string): AppendStore {
  const path = (name: string) => join(dir, name.replace(/[\\/]/g, '_'));
  return {
    append: async (name, bytes) => {
      await mkdir(dir, { recursive: true });
      await appendFile(path(name), bytes);
    },
    read: (name) =>
      readFile(path(name)).then(
        (b) => new Uint8Array(b),
        () => null,
      ),
    list: () => readdir(dir).catch(() => []),
    remove: (name) => rm(path(name), { force: true }),
  };
}
