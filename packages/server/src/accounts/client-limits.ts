import { createHmac, randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AccountError } from './account-error.ts';

export interface ClientLimitSettings {
  signUps: number;
  signUpWindowS: number;
  signIns: number;
  signInWindowS: number;
}

/**
 * Sign-ups and sign-ins per client, on top of the per-address sign-in throttle (which protects one
 * account, but not the server from one client trying many). The client is a keyed hash of its network
 * address under a random key that lives in memory only and changes on every start: the address itself
 * is never stored, logged or kept as a map key, and the counts mean nothing outside this process.
 * IPv6 clients are counted per /64, the block one subscriber gets. Counts are per instance; behind a
 * proxy, AIRLOCK_TRUST_PROXY must be on or every client counts as the proxy.
 */
export class ClientLimits {
  private readonly key = randomBytes(32);
  private readonly signUps: RateLimiterMemory;
  private readonly signIns: RateLimiterMemory;

  constructor(settings: ClientLimitSettings) {
    this.signUps = new RateLimiterMemory({ points: settings.signUps, duration: settings.signUpWindowS });
    this.signIns = new RateLimiterMemory({ points: settings.signIns, duration: settings.signInWindowS });
  }

  /** The in-memory handle of a client address (null: not known, e.g. no socket). */
  clientKey(address: string | null): string {
    return createHmac('sha256', this.key)
      .update(address ? addressBlock(address) : 'unknown')
      .digest('base64url');
  }

  signUp(client: string): Promise<void> {
    return take(this.signUps, client, 'sign-ups');
  }

  signIn(client: string): Promise<void> {
    return take(this.signIns, client, 'sign-in attempts');
  }
}

async function take(limiter: RateLimiterMemory, client: string, what: string): Promise<void> {
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
