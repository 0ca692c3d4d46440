/**
 * The Oblivious HTTP gateway (RFC 9458): key configurations stored in the database and rotated by age,
 * replay protection, and an allow-list of inner routes dispatched into the app in-process. The relay
 * is in ../ohttp-relay/. See docs/oblivious-http.md.
 */
export { type AppFetch, handleEncapsulated } from './gateway.ts';
export { isAllowedInner } from './inner-routes.ts';
export { OhttpKeyRing } from './key-ring.ts';
export { type RotationPolicy, rotateKeys, type StoredKey } from './key-store.ts';
export { type OhttpGateway, openOhttpGateway } from './open-gateway.ts';
export { ReplayGuard } from './replay-guard.ts';
export { type GatewayDeps, MAX_ENCAPSULATED_REQUEST, registerOhttpRoutes } from './routes.ts';
