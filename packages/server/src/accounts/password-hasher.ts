import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import { AccountError } from './account-error.ts';

export interface Argon2Cost {
  memoryKiB: number;
  timeCost: number;
}

/** How many argon2 computations may run, wait, and be held by one client at a time. */
export interface HashGateLimits {
  /** Running at once (default: the number of cores, at least 2). */
  concurrency?: number;
  /** Admitted but not yet running; past it a request is refused at once (429), not queued. */
  maxQueued: number;
  /** Admitted at once for one client (a keyed hash of its address): one client cannot fill the queue. */
  perClient: number;
}

/** A place in the gate, held from before the sign-in attempt is counted until the hash is done. */
export interface HashTicket {
  release(): void;
}

/**
 * argon2id password hashes behind a bounded gate. Each hash takes ~19 MiB and tens of ms; unbounded, a
 * flood of sign-ins queues without end and a real pilot's sign-in waits behind all of it. So a few run
 * at once, a bounded number wait, one client holds at most a few places, and everything past that is
 * answered 429 with Retry-After at once: the flood is refused cheaply and the pilot's wait stays short.
 * Written here rather than with p-limit: it needs refusal past a cap and per-client places, which are
 * most of these lines either way.
 */
export class PasswordHasher {
  private running = 0;
  private admitted = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly perClient = new Map<string, number>();
  private readonly concurrency: number;
  private dummy: Promise<string> | null = null;

  constructor(
    readonly cost: Argon2Cost,
    private readonly limits: HashGateLimits = { maxQueued: 64, perClient: 64 },
  ) {
    this.concurrency = limits.concurrency ?? Math.max(2, availableParallelism());
  }

  /** Takes a place in the gate or refuses (429) when the gate, or this client's share of it, is full. */
  enter(client?: string): HashTicket {
    const mine = client === undefined ? 0 : (this.perClient.get(client) ?? 0);
    if (this.admitted >= this.concurrency + this.limits.maxQueued || mine >= this.limits.perClient)
      throw new AccountError('busy', 'too many password checks in progress; try again in a moment', 1);
    this.admitted++;
    if (client !== undefined) this.perClient.set(client, mine + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.admitted--;
        if (client === undefined) return;
        const left = (this.perClient.get(client) ?? 1) - 1;
        if (left > 0) this.perClient.set(client, left);
        else this.perClient.delete(client);
      },
    };
  }

  hash(password: string, ticket?: HashTicket): Promise<string> {
    return this.limited(ticket, () =>
      hash(password, { algorithm: 2, memoryCost: this.cost.memoryKiB, timeCost: this.cost.timeCost }),
    );
  }

  verify(phc: string, password: string, ticket?: HashTicket): Promise<boolean> {
    return this.limited(ticket, () => verify(phc, password).catch(() => false));
  }

  /** Costs what a real check costs, so an unknown address answers as slowly as a wrong password. */
  async verifyNothing(password: string, ticket?: HashTicket): Promise<false> {
    // Made once, outside the gate: it must not be refused, and it is not a client's work.
    this.dummy ??= hash(`airlock-no-such-account-${Math.random()}`, {
      algorithm: 2,
      memoryCost: this.cost.memoryKiB,
      timeCost: this.cost.timeCost,
    });
    await this.verify(await this.dummy, password, ticket);
    return false;
  }

  /** Runs `fn` when a core is free; without a ticket, takes (and gives back) one of its own. */
  private async limited<T>(ticket: HashTicket | undefined, fn: () => Promise<T>): Promise<T> {
    const own = ticket ? null : this.enter();
    try {
      // A finished hash hands its core straight to the next waiter, so none can jump the queue.
      if (this.running >= this.concurrency) await new Promise<void>((r) => this.waiting.push(r));
      else this.running++;
      try {
        return await fn();
      } finally {
        const next = this.waiting.shift();
        if (next) next();
        else this.running--;
      }
    } finally {
      own?.release();
    }
  }
}
