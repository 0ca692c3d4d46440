import { GATEWAY_PATH } from '@airlock/core/ohttp';
import { createLogger } from '../../packages/server/src/log/index.ts';
import { type RunningRelay, startRelay } from '../../packages/server/src/ohttp-relay/start-relay.ts';

/** `airlock relay` in this process on a loopback port, in front of the server at `serverUrl`; silent. */
export function startLoopbackRelay(serverUrl: string): Promise<RunningRelay> {
  return startRelay(
    { gatewayUrl: new URL(`${serverUrl}${GATEWAY_PATH}`), host: '127.0.0.1', port: 0 },
    createLogger('error', () => undefined),
  );
}
