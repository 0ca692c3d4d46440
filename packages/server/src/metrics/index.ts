export { RequestCounters } from './request-counters.ts';
export { type MetricSources, ServerMetrics } from './server-metrics.ts';
