/** Test doubles for apps and for the SDK's own tests: `@airlock/sdk/testing`. */
export {
  createFakeLocationServer,
  type FakeLocationServer,
  type FakeLocationServerOptions,
  type ReceivedRequest,
} from './fake-location-server.ts';
