// An app of examples/ as its user runs it, against tarballs already installed in `appDir`: a copy of
// the example inside it (so `@airlock/*` resolve from `appDir/node_modules`, the installed tarballs,
// never the workspace), with the repository's own vite and typescript linked in as its devDependencies
// (nothing downloaded), then `tsc --noEmit`, `vite build` and `vite preview`.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { ROOT } from './airlock-process.ts';
import { PLAIN_ENV } from './sdk-tarballs.ts';

/** Copies examples/<name> into `appDir/<name>` (without what an install or build left) and links its tools. */
export function copyExample(name: string, appDir: string): string {
  const from = join(ROOT, 'examples', name);
  const dir = join(appDir, name);
  cpSync(from, dir, {
    recursive: true,
    filter: (p) => !/^(node_modules|dist|package-lock\.json)(\/|$)/.test(relative(from, p)),
  });
  mkdirSync(join(dir, 'node_modules'));
  // Wherever npm put them: vite is the web console's devDependency, typescript the root's.
  const require = createRequire(join(ROOT, 'packages', 'web', 'package.json'));
  for (const tool of ['vite', 'typescript'])
    symlinkSync(dirname(require.resolve(`${tool}/package.json`)), join(dir, 'node_modules', tool), 'dir');
  return dir;
}

/** `node <args>` in `cwd` (by default without this process's TypeScript loader); rejects unless it exits 0. */
export function runNode(cwd: string, args: string[], env: NodeJS.ProcessEnv = PLAIN_ENV): Promise<string> {
  return new Promise((resolve, reject) => {
    // Not spawnSync: a server of this process may be answering meanwhile.
    const child = spawn(process.execPath, args, { cwd, env, timeout: 120_000 });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (status) =>
      status === 0 ? resolve(out) : reject(new Error(`node ${args.join(' ')} exited ${status}:\n${out}`)),
    );
  });
}

export interface Preview {
  url: string;
  close(): void;
}

/** `vite preview` of the built example on a free port, its /v1 proxied to `airlockUrl`. */
export function startPreview(dir: string, airlockUrl: string): Promise<Preview> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', '0', '--strictPort'],
    { cwd: dir, env: { ...PLAIN_ENV, AIRLOCK_URL: airlockUrl } },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      // Without colour codes, which vite adds when the environment asks for colour (FORCE_COLOR).
      const m = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(stripVTControlCharacters(out));
      if (m) resolve({ url: m[1], close: () => child.kill() });
    });
    child.stderr!.on('data', (d) => (out += d));
    child.once('exit', (code) => reject(new Error(`vite preview exited ${code}:\n${out}`)));
  });
}
