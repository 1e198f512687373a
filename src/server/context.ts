import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { Principal } from '../modules/auth/principal.ts';
import type { TimeSource } from '../shared/time.ts';

/** Everything a request handler may use; built once per server (or per test). */
export interface AppDeps {
  database: Database;
  db: Kysely<DB>;
  time: TimeSource;
  config: Config;
  logger: Logger;
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    principal: Principal | null;
    requestId: string;
    clientIp: string;
  };
};
