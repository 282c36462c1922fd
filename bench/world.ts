import { accessPolicyRules } from "../test/support/access-policies.js";
import {
  SAMPLE_TENANT,
  sampleIdentities,
  startAppServiceIdentityEndpoint,
} from "../test/support/entra/index.js";
import type { AppServiceEnv, StandIn } from "../test/support/entra/index.js";
import { cacheHostName } from "../test/support/redis-server.js";
import { startTestWorld, type TestWorld } from "../test/support/test-world.js";

/** What the benchmark runs against: the tests' TLS redis-server and App Service stand-in. */
export interface BenchWorld {
  redis: TestWorld["redis"];
  caFile: string;
  accessKey: string;
  /** The name the server's certificate carries; connections go to 127.0.0.1 all the same. */
  serverName: string;
  identityEnv: AppServiceEnv;
  stop(): Promise<void>;
}

/**
 * Starts the same local world as the tests. Every token the App Service stand-in issues is
 * registered as the password of an ACL user named by its oid before the token is sent, as
 * Azure's access policy assignment would have it, so identity runs can AUTH with it.
 */
export async function startBenchWorld(): Promise<BenchWorld> {
  const world = await startTestWorld();
  let appService: StandIn<AppServiceEnv>;
  try {
    appService = await startAppServiceIdentityEndpoint({
      identities: [sampleIdentities.system],
      tenantId: SAMPLE_TENANT,
    });
  } catch (error) {
    await world.stop();
    throw error;
  }

  appService.onTokenIssued((issued) =>
    world.redis.setUser(issued.objectId, issued.token, accessPolicyRules.contributor),
  );

  return {
    redis: world.redis,
    caFile: world.ca.certPath,
    accessKey: world.accessKey,
    serverName: cacheHostName,
    identityEnv: appService.env,
    stop: async () => {
      await Promise.all([appService.close(), world.stop()]);
    },
  };
}
