import type { Config } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
import type { Database } from '../storage/index.ts';
import { OhttpKeyRing } from './key-ring.ts';
import { ReplayGuard } from './replay-guard.ts';

/** What the gateway keeps between requests: its keys and the replay memory. */
export interface OhttpGateway {
  keys: OhttpKeyRing;
  replay: ReplayGuard;
  close(): void;
}

/** Reads (on a new database: makes) the gateway's keys and keeps them rotating. */
export async function openOhttpGateway(db: Database, config: Config, log: Logger): Promise<OhttpGateway> {
  const keys = await OhttpKeyRing.open(
    db,
    { rotateS: config.AIRLOCK_OHTTP_KEY_ROTATE_S, graceS: config.AIRLOCK_OHTTP_KEY_GRACE_S },
    log,
  );
  keys.startRefreshing();
  return {
    keys,
    replay: new ReplayGuard(config.AIRLOCK_OHTTP_REPLAY_WINDOW_S * 1000),
    close: () => keys.stop(),
  };
}
