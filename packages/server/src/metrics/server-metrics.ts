import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/** What the server can tell about itself, read when /metrics is scraped. */
export interface MetricSources {
  zones(): number;
  answerCache(): { bytes: number; budgetBytes: number; entries: number };
  /** Telemetry writes so far (absent without telemetry). */
  telemetryWrites?(): { flushes: number; rows: number; failures: number };
}

/**
 * The Prometheus metrics of one server process (`GET /metrics`, operator token), from prom-client:
 * Node's process metrics, requests by route pattern and status class, and aggregate gauges. Nothing
 * in them is per pilot, per address or per path: a route pattern, a status class and counts.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'route' | 'status'>;
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 20 });

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'airlock_' });
    this.loopDelay.enable();
    this.requests = new Counter({
      name: 'airlock_http_requests_total',
      help: 'HTTP requests answered, by route pattern and status class (2xx, 4xx, 5xx)',
      labelNames: ['route', 'status'],
      registers: [this.registry],
    });
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read());
        },
      });
    gauge('airlock_airspace_zones', 'Zones in the airspace index', () => sources.zones());
    gauge('airlock_answer_cache_bytes', 'Bytes held by the answer caches', () => sources.answerCache().bytes);
    gauge(
      'airlock_answer_cache_budget_bytes',
      'AIRLOCK_ANSWER_CACHE_MB in bytes',
      () => sources.answerCache().budgetBytes,
    );
    gauge('airlock_event_loop_delay_p99_seconds', 'p99 event-loop delay since the last scrape', () => {
      const p99 = this.loopDelay.percentile(99) / 1e9;
      this.loopDelay.reset();
      return p99;
    });
    const writes = sources.telemetryWrites;
    if (writes) {
      gauge('airlock_telemetry_flushes_total', 'Telemetry aggregate flushes', () => writes().flushes);
      gauge('airlock_telemetry_rows_written_total', 'Telemetry aggregate rows written', () => writes().rows);
      gauge(
        'airlock_telemetry_flush_failures_total',
        'Telemetry flushes that failed',
        () => writes().failures,
      );
    }
  }

  /** Counts one answer; `route` is the pattern (never the path), the status is kept as its class. */
  countRequest(route: string, status: number): void {
    this.requests.inc({ route: route || '(none)', status: `${Math.floor(status / 100)}xx` });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
