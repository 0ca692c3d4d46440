/**
 * `@airlock/sdk/relay`: Oblivious HTTP for `relayUrl`. A subpath of its own because HPKE (@hpke/core)
 * and the encapsulation weigh ~15 kB gzip, which an app without a relay should not ship.
 *
 * @example
 * import { createAirlock } from '@airlock/sdk';
 * import { obliviousHttp } from '@airlock/sdk/relay';
 * const airlock = createAirlock({ serverUrl, relayUrl: 'https://relay.example/', ohttp: obliviousHttp });
 *
 * @module @airlock/sdk/relay
 */
import { KEYS_PATH, ObliviousHttpClient } from '@airlock/core/ohttp';
import type { OhttpModule } from '../transport/index.ts';

/**
 * What `relayUrl` needs: the Oblivious HTTP client of `@airlock/core/ohttp`.
 *
 * @example
 * const airlock = createAirlock({ serverUrl, relayUrl: 'https://relay.example/', ohttp: obliviousHttp });
 */
export const obliviousHttp: OhttpModule = { ObliviousHttpClient, KEYS_PATH };
export type { OhttpModule } from '../transport/index.ts';
