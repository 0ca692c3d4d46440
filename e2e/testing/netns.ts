// Network namespaces for tests that need real, separate hosts on one machine: each namespace has its
// own interfaces, addresses and routes, joined to its neighbours by veth pairs. Made and removed by the
// test; the addresses are in 198.18.0.0/15 (RFC 2544's benchmarking range) and exist only inside them.
import { spawnSync } from 'node:child_process';

function ip(args: string[]): { ok: boolean; err: string } {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  return { ok: r.status === 0, err: (r.stderr || r.error?.message || '').trim() };
}

function must(args: string[]): void {
  const r = ip(args);
  if (!r.ok) throw new Error(`ip ${args.join(' ')}: ${r.err}`);
}

/** Why namespaces cannot be made here (not root, no CAP_NET_ADMIN, no `ip`), or undefined if they can. */
export function netnsUnavailable(): string | undefined {
  const name = `airlock-probe-${process.pid}`;
  const r = ip(['netns', 'add', name]);
  if (!r.ok) return `ip netns is not permitted here (${r.err || 'no ip command'})`;
  ip(['netns', 'del', name]);
  return undefined;
}

export interface Link {
  /** Namespaces at each end and their addresses (a /24 each side shares). */
  a: string;
  aAddress: string;
  b: string;
  bAddress: string;
}

/** Namespaces joined by veth pairs; `exec` prefixes a command to run inside one; `remove` undoes it all. */
export function makeNetwork(names: string[], links: Link[]) {
  const made: string[] = [];
  const remove = () => {
    for (const n of made.splice(0)) ip(['netns', 'del', n]); // deletes its veth ends too
  };
  try {
    for (const n of names) {
      must(['netns', 'add', n]);
      made.push(n);
      must(['-n', n, 'link', 'set', 'lo', 'up']);
    }
    links.forEach((l, i) => {
      const [va, vb] = [`v${process.pid % 100000}a${i}`, `v${process.pid % 100000}b${i}`];
      must(['link', 'add', va, 'netns', l.a, 'type', 'veth', 'peer', 'name', vb, 'netns', l.b]);
      must(['-n', l.a, 'addr', 'add', `${l.aAddress}/24`, 'dev', va]);
      must(['-n', l.b, 'addr', 'add', `${l.bAddress}/24`, 'dev', vb]);
      must(['-n', l.a, 'link', 'set', va, 'up']);
      must(['-n', l.b, 'link', 'set', vb, 'up']);
    });
  } catch (e) {
    remove();
    throw e;
  }
  return {
    exec: (ns: string, command: string[]) => ['ip', 'netns', 'exec', ns, ...command],
    run: (ns: string, command: string[]) =>
      spawnSync('ip', ['netns', 'exec', ns, ...command], { encoding: 'utf8' }),
    remove,
  };
}
