// Chromium: the page calls this with the server's URL; the SDK uses the browser's fetch, crypto.subtle,
// TextEncoder and localStorage.
import * as sdk from '@airlock/sdk';
import { runtimeCheck } from '../../../packages/sdk/src/testing/index.ts';

(globalThis as { airlockRuntimeCheck?: unknown }).airlockRuntimeCheck = async (serverUrl: string) =>
  JSON.stringify(await runtimeCheck(sdk, { serverUrl, storage: localStorage }));
