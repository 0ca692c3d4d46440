import type { Logger } from '../log/index.ts';

/** What the relay keeps about its traffic: totals, nothing per request. */
export class RelayCounts {
  forwarded = 0;
  keys = 0;
  refused = 0;
  upstreamErrors = 0;
  private logged = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly log: Logger) {}

  snapshot() {
    return {
      forwarded: this.forwarded,
      keys: this.keys,
      refused: this.refused,
      upstream_errors: this.upstreamErrors,
    };
  }

  /** One line of totals, when they changed: the only log the relay writes while it runs. */
  flush(): void {
    const now = this.snapshot();
    const text = JSON.stringify(now);
    if (text === this.logged) return;
    this.logged = text;
    this.log.info('relay totals', now);
  }

  startLogging(everyMs: number): void {
    this.timer ??= setInterval(() => this.flush(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.flush();
  }
}
