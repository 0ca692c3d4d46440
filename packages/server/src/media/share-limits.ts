import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { MediaError } from './media-error.ts';

/**
 * Shares per pilot per hour, counted in memory (per instance) whether the share succeeds or not, so a
 * refused flood costs the flooder too. Deleting a share does not give its point back.
 */
export class ShareRateLimit {
  private readonly limiter: RateLimiterMemory;

  constructor(perHour: number) {
    this.limiter = new RateLimiterMemory({ points: perHour, duration: 3600 });
  }

  async take(pilotId: string): Promise<void> {
    try {
      await this.limiter.consume(pilotId);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      const s = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      throw new MediaError('too_many_shares', `too many shares in the last hour; try again in ${s} s`, s);
    }
  }
}
