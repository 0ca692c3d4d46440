/**
 * The Oblivious HTTP relay (`airlock relay`): forwards encapsulated requests to one gateway and their
 * answers back, adding nothing and logging only totals. Kept apart from the gateway (../ohttp/) so the
 * relay loads none of the server. See docs/oblivious-http.md.
 */
export { type RelayOptions, relayHandler } from './relay.ts';
export { RelayCounts } from './relay-counts.ts';
export { type RunningRelay, startRelay } from './start-relay.ts';
