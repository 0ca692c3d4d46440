/**
 * `@airlock/core` — isomorphic domain code, no I/O. Runs in the SDK and in the server.
 * Each capability folder has an index.ts as its only door; this file re-exports them.
 *
 * @module @airlock/core
 */

export * from './borders/index.ts';
export * from './flightlog/index.ts';
export * from './geo/index.ts';
export * from './geofence/index.ts';
export * from './importers/index.ts';
export * from './location-privacy/index.ts';
export * from './radio/index.ts';
export * from './region/index.ts';
export * from './telemetry/index.ts';
export * from './zone/index.ts';
