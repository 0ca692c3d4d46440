/** Test doubles for apps and for the SDK's own tests: `@airlock/sdk/testing`. */
export {
  createFakeLocationServer,
  type FakeLocationServer,
  type FakeLocationServerOptions,
  type ReceivedRequest,
} from './fake-location-server.ts';
export {
  MONTREUX,
  type RuntimeCheckInput,
  type RuntimeCheckResult,
  runtimeCheck,
  UTF8_PROBE,
} from './runtime-check.ts';
