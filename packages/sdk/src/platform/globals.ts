import type { FetchLike } from '../transport/types.ts';

/** The app's fetch, else the global one (bound: some browsers throw "Illegal invocation" off it), else null. */
export function resolveFetch(injected?: FetchLike): FetchLike | null {
  if (injected) return injected;
  const f = (globalThis as { fetch?: unknown }).fetch;
  return typeof f === 'function' ? (f.bind(globalThis) as FetchLike) : null;
}

/** `crypto.getRandomValues` where the engine has it, else Math.random: for jitter and local ids only. */
export function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  const c = (globalThis as { crypto?: { getRandomValues?(b: Uint8Array): Uint8Array } }).crypto;
  if (typeof c?.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < n; i++) bytes[i] = Math.floor(Math.random() * 256);
  return bytes;
}
