import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';

export interface Argon2Cost {
  memoryKiB: number;
  timeCost: number;
}

/**
 * argon2id password hashes. At most a few hashes run at once: each takes ~19 MiB and tens of ms, so a
 * burst of sign-in or sign-up requests queues here instead of exhausting memory and the thread pool.
 */
export class PasswordHasher {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly limit = Math.max(2, availableParallelism());
  private dummy: Promise<string> | null = null;

  constructor(readonly cost: Argon2Cost) {}

  hash(password: string): Promise<string> {
    return this.limited(() =>
      hash(password, { algorithm: 2, memoryCost: this.cost.memoryKiB, timeCost: this.cost.timeCost }),
    );
  }

  verify(phc: string, password: string): Promise<boolean> {
    return this.limited(() => verify(phc, password).catch(() => false));
  }

  /** Costs what a real check costs, so an unknown address answers as slowly as a wrong password. */
  async verifyNothing(password: string): Promise<false> {
    this.dummy ??= this.hash(`airlock-no-such-account-${Math.random()}`);
    await this.verify(await this.dummy, password);
    return false;
  }

  private async limited<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
