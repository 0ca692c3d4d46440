import { createHmac, randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { AccountError } from './account-error.ts';

export interface ClientLimitSettings {
  signUps: number;
  signUpWindowS: number;
  signIns: number;
  signInWindowS: number;
}

/**
 * Counts shared by every server (REDIS_URL): the counters live in Redis, with a TTL of their window,
 * and the client handle is a keyed hash every server computes alike (`keyFor`: the master key's
 * lookup HMAC) under a purpose that names the UTC day, so handles change daily. Redis was chosen over
 * PostgreSQL because these counts are short-lived and need not reach a disk: in PostgreSQL every
 * attempt would write a client handle to the WAL and its backups. If Redis is unreachable, each
 * server falls back to counting on its own (the limit then applies per server) rather than refusing
 * every sign-in.
 */
export interface SharedLimits {
  redis: Redis;
  keyFor(purpose: string, value: string): Buffer;
}

/**
 * Sign-ups and sign-ins per client, on top of the per-address sign-in throttle (which protects one
 * account, but not the server from one client trying many). The client is a keyed hash of its network
 * address under a random key that lives in memory only and changes on every start: the address itself
 * is never stored, logged or kept as a map key, and the counts mean nothing outside this process.
 * IPv6 clients are counted per /64, the block one subscriber gets. Counts are per instance unless
 * `shared` (see SharedLimits); behind a proxy, AIRLOCK_TRUST_PROXY must be on or every client counts
 * as the proxy.
 */
export class ClientLimits {
  private readonly key = randomBytes(32);
  private readonly signUps: RateLimiterAbstract;
  private readonly signIns: RateLimiterAbstract;

  constructor(
    settings: ClientLimitSettings,
    private readonly shared?: SharedLimits,
  ) {
    const limiter = (keyPrefix: string, points: number, duration: number) => {
      const local = new RateLimiterMemory({ points, duration });
      return shared
        ? new RateLimiterRedis({
            storeClient: shared.redis,
            keyPrefix,
            points,
            duration,
            insuranceLimiter: local,
          })
        : local;
    };
    this.signUps = limiter('airlock:limits:signup', settings.signUps, settings.signUpWindowS);
    this.signIns = limiter('airlock:limits:signin', settings.signIns, settings.signInWindowS);
  }

  /** The handle of a client address (null: not known, e.g. no socket); see the class comment. */
  clientKey(address: string | null): string {
    const block = address ? addressBlock(address) : 'unknown';
    if (this.shared) {
      const day = new Date().toISOString().slice(0, 10);
      return this.shared.keyFor(`client-limits/${day}`, block).toString('base64url');
    }
    return createHmac('sha256', this.key).update(block).digest('base64url');
  }

  signUp(client: string): Promise<void> {
    return take(this.signUps, client, 'sign-ups');
  }

  signIn(client: string): Promise<void> {
    return take(this.signIns, client, 'sign-in attempts');
  }
}

async function take(limiter: RateLimiterAbstract, client: string, what: string): Promise<void> {
  try {
    await limiter.consume(client);
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    const s = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
    throw new AccountError('too_many_requests', `too many ${what} from this network; try again in ${s} s`, s);
  }
}

/** IPv4 as is (also when IPv4-mapped); IPv6 cut to its /64. */
function addressBlock(address: string): string {
  const a = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').replace(/%.*$/, '');
  if (!isIPv6(a)) return a;
  const [head, tail = ''] = a.split('::');
  const h = head ? head.split(':') : [];
  const t = a.includes('::') && tail ? tail.split(':') : [];
  const groups = a.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
