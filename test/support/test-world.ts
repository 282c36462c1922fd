import { accessPolicyRules } from "./access-policies.js";
import { startRedisServer } from "./redis-server.js";
import type { RedisServer } from "./redis-server.js";
import { createTestCa } from "./test-ca.js";
import type { TestCa } from "./test-ca.js";

/**
 * An access key shaped like Azure's (base64, with `+`, `/` and `=`), so tests catch any place
 * that mangles it in a URI or leaks it into output.
 */
export const sentinelAccessKey = "Sentinel+Key/Abc123==";

export interface WorldUser {
  name: string;
  password: string;
}

/** The usual surroundings of a test file: a CA, a TLS cache that trusts it, and its users. */
export interface TestWorld {
  ca: TestCa;
  redis: RedisServer;
  /** The `default` user's password, as an Azure access key. */
  accessKey: string;
  users: {
    reader: WorldUser;
    contributor: WorldUser;
    writerWithoutSet: WorldUser;
  };
  /** Stops the server and deletes the CA. Safe to call twice. */
  stop(): Promise<void>;
}

export interface TestWorldOptions {
  accessKey?: string;
  /** Passed to redis-server, e.g. `["--maxclients", "5"]`. */
  extraArgs?: readonly string[];
}

/**
 * Starts a test CA and a TLS redis-server on 127.0.0.1 with an access key and reader,
 * contributor and writer-without-SET users. Call `stop()` in `afterAll`.
 */
export async function startTestWorld(options: TestWorldOptions = {}): Promise<TestWorld> {
  const accessKey = options.accessKey ?? sentinelAccessKey;
  const users = {
    reader: { name: "reader", password: "Reader+Pass/Abc123==" },
    contributor: { name: "contributor", password: "Contributor+Pass/Abc123==" },
    writerWithoutSet: { name: "writer-without-set", password: "Writer+Pass/Abc123==" },
  };

  const ca = createTestCa();
  let redis: RedisServer;
  try {
    redis = await startRedisServer({
      ca,
      accessKey,
      extraArgs: options.extraArgs,
      users: [
        { ...users.reader, rules: accessPolicyRules.reader },
        { ...users.contributor, rules: accessPolicyRules.contributor },
        { ...users.writerWithoutSet, rules: accessPolicyRules.writerWithoutSet },
      ],
    });
  } catch (error) {
    ca.remove();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= redis.stop().finally(() => ca.remove()));

  return { ca, redis, accessKey, users, stop };
}
