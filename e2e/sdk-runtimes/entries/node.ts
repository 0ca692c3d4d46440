// Plain node: the SDK is left an import, resolved by node from the app's node_modules (the tarballs).
import * as sdk from '@airlock/sdk';
import { runtimeCheck } from '../../../packages/sdk/src/testing/index.ts';

console.log(JSON.stringify(await runtimeCheck(sdk, { serverUrl: process.argv[2] })));
