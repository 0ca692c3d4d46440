/**
 * A real pilot's sign-in while a flood of wrong sign-ins (40 at once, random addresses, from 4 client
 * addresses) hits the server, with production argon2id cost (19 MiB, 2 passes). Side by side in one
 * run: the gated server (default per-client and argon2-gate limits) and the same server with the
 * limits opened wide (the behaviour before they existed). Each round starts the flood, then the
 * pilot's sign-in 5 ms later, and times the pilot's request.
 *
 *   node --import tsx bench/signin-flood.ts [--rounds 8]
 */
import { parseArgs } from 'node:util';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.ts';
import { fmt, markdownTable, progress, writeResults } from './lib/report.ts';
import { summarize } from './lib/stats.ts';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '8' } } });
const ROUNDS = Number(args.rounds);
const PASSWORD = 'correct horse battery staple';
const REAL_ARGON2 = {
  AIRLOCK_ARGON2_MEMORY_KIB: '19456',
  AIRLOCK_ARGON2_TIME_COST: '2',
  AIRLOCK_TRUST_PROXY: 'true',
};
const WIDE_OPEN = {
  AIRLOCK_ARGON2_QUEUE: '10000',
  AIRLOCK_ARGON2_PER_CLIENT: '10000',
  AIRLOCK_SIGNIN_PER_CLIENT: '1000000',
};

function signIn(t: TestServer, email: string, client: string): Promise<Response> {
  return fetch(`${t.url}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
}

async function timed(p: () => Promise<Response>): Promise<{ ms: number; status: number }> {
  const t0 = performance.now();
  const r = await p();
  await r.arrayBuffer();
  return { ms: performance.now() - t0, status: r.status };
}

async function run(name: string, env: Record<string, string>) {
  const t = await startTestServer({ env: { ...REAL_ARGON2, ...env, LOG_LEVEL: 'error' } });
  try {
    await t.pilot('real@example.org');
    const quiet: number[] = [];
    for (let i = 0; i < ROUNDS; i++)
      quiet.push((await timed(() => signIn(t, 'real@example.org', '198.51.100.1'))).ms);
    const flooded: number[] = [];
    let refused = 0;
    let pilotFailed = 0;
    for (let round = 0; round < ROUNDS; round++) {
      progress(`${name}: round ${round + 1}/${ROUNDS}`);
      const flood = Array.from({ length: 40 }, (_, i) =>
        timed(() => signIn(t, `x${round}-${i}-${Math.random()}@example.org`, `192.0.2.${10 + (i % 4)}`)),
      );
      await new Promise((r) => setTimeout(r, 5));
      const mine = await timed(() => signIn(t, 'real@example.org', '198.51.100.1'));
      if (mine.status !== 200) pilotFailed++;
      flooded.push(mine.ms);
      refused += (await Promise.all(flood)).filter((f) => f.status === 429).length;
    }
    return {
      name,
      quiet: summarize(quiet),
      flooded: summarize(flooded),
      refused,
      floodTotal: 40 * ROUNDS,
      pilotFailed,
    };
  } finally {
    await t.close();
  }
}

const results = [];
for (const [name, env] of [
  ['limits wide open (before)', WIDE_OPEN],
  ['gated (defaults)', {}],
] as const)
  results.push(await run(name, env));
console.log(
  markdownTable(
    [
      'server',
      'pilot sign-in quiet p50 ms',
      'under flood p50 ms',
      'under flood max ms',
      'flood refused 429',
      'pilot failed',
    ],
    results.map((r) => [
      r.name,
      fmt(r.quiet.p50),
      fmt(r.flooded.p50),
      fmt(r.flooded.max),
      `${r.refused}/${r.floodTotal}`,
      r.pilotFailed,
    ]),
  ),
);
writeResults('signin-flood', { rounds: ROUNDS, results });
if (results.some((r) => r.pilotFailed > 0 && r.name.startsWith('gated'))) process.exit(1);
