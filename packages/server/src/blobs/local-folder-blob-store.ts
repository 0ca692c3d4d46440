import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, readdir, readFile, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { assertBlobKey, type BlobInfo, type BlobStore } from './blob-store.ts';

const TMP = '.tmp-';

/**
 * Blobs as files under one folder (mode 0600, folders 0700). Writes go to a temporary file that is
 * fsynced and renamed into place, so a crash leaves the old blob or the new one, and an acknowledged
 * write survives the process being killed.
 */
export class LocalFolderBlobStore implements BlobStore {
  readonly kind = 'local-folder';

  constructor(readonly root: string) {}

  private path(key: string): string {
    assertBlobKey(key);
    return join(this.root, ...key.split('/'));
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    const path = this.path(key);
    const tmp = join(dirname(path), `${TMP}${randomBytes(8).toString('hex')}`);
    const fh = await this.createFile(tmp);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, path);
    } catch (e) {
      await unlink(tmp).catch(() => {});
      throw e;
    }
  }

  /** A rename when the file is on the store's file system (fsynced first), else a copy. */
  async putFile(key: string, source: string): Promise<void> {
    const path = this.path(key);
    await fsyncFile(source);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    try {
      await rename(source, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      const tmp = join(dirname(path), `${TMP}${randomBytes(8).toString('hex')}`);
      await copyFile(source, tmp);
      await fsyncFile(tmp);
      await rename(tmp, path);
      await unlink(source);
    }
  }

  async readRange(key: string, start: number, end: number): Promise<Readable | null> {
    try {
      const fh = await open(this.path(key), 'r');
      return fh.createReadStream({ start, end }); // closes the file when done or destroyed
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  /** A concurrent delete may prune the folder between mkdir and open: make it again once. */
  private async createFile(path: string) {
    for (let attempt = 0; ; attempt++) {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      try {
        return await open(path, 'wx', 0o600);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 2) throw e;
      }
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async delete(key: string): Promise<boolean> {
    const path = this.path(key);
    try {
      await unlink(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
    await this.pruneEmptyDirs(dirname(path));
    return true;
  }

  async list(prefix: string): Promise<BlobInfo[]> {
    // Walk only the deepest folder the prefix names, not the whole store.
    const cut = prefix.lastIndexOf('/');
    const base = cut >= 0 ? prefix.slice(0, cut) : '';
    if (base) assertBlobKey(base);
    const out: BlobInfo[] = [];
    await this.walk(base ? join(this.root, ...base.split('/')) : this.root, prefix, out);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  private async walk(dir: string, prefix: string, out: BlobInfo[]): Promise<void> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const e of entries) {
      if (e.name.startsWith(TMP)) continue;
      const full = join(dir, e.name);
      const key = relative(this.root, full).split(sep).join('/');
      if (e.isDirectory()) {
        if (key.startsWith(prefix) || prefix.startsWith(`${key}/`)) await this.walk(full, prefix, out);
      } else if (e.isFile() && key.startsWith(prefix)) {
        const s = await stat(full).catch(() => null);
        if (s) out.push({ key, size: s.size, modifiedAt: s.mtime });
      }
    }
  }

  /** Empty per-log and per-pilot folders would otherwise outlive what they held. */
  private async pruneEmptyDirs(dir: string): Promise<void> {
    let d = dir;
    while (d.length > this.root.length && d.startsWith(this.root)) {
      try {
        await rmdir(d);
      } catch {
        return; // not empty, or gone
      }
      d = dirname(d);
    }
  }
}

async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
