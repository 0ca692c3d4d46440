/**
 * Attacks on the location-privacy mechanisms, for tests and benchmarks only — not part of the product
 * API and not re-exported by ../index.ts. They model a server that links every request of one device.
 */
export { estimateByAverage, estimateByEnclosingCircle, reportedPoint } from './estimates.ts';
export { type LocalProjection, localProjection } from './local-projection.ts';
export { type Circle, minimumEnclosingCircle } from './minimum-enclosing-circle.ts';
