import { connect } from "node:net";
import { checkServerIdentity } from "node:tls";
import type { PeerCertificate } from "node:tls";

import { Cluster } from "ioredis";
import type { ClusterOptions } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { connectClient } from "../support/redis-client.js";
import { cacheHostName, startRedisCluster, type RedisCluster } from "../support/redis-cluster.js";
import { keyServedBy } from "../support/redis-cluster-keys.js";
import { hashSlotCount } from "../support/redis-cluster-topology.js";
import { createTestCa, type TestCa } from "../support/test-ca.js";
import { sentinelAccessKey } from "../support/test-world.js";

let ca: TestCa;
let cluster: RedisCluster;

beforeAll(async () => {
  ca = createTestCa();
  cluster = await startRedisCluster({
    ca,
    accessKey: sentinelAccessKey,
    primaries: 3,
    replicas: 1,
  });
});

afterAll(async () => {
  await cluster?.stop();
  ca?.remove();
});

const primaries = () => cluster.nodes.filter((node) => node.role === "primary");

/**
 * A Cluster client as an app would build one: seeded with the cache's name, which only this
 * lookup maps to loopback (ioredis resolves seed names itself and then connects by IP), and
 * no retries, so a failure shows at once.
 */
function clusterClient(tls: NonNullable<ClusterOptions["redisOptions"]>["tls"]): Cluster {
  const client = new Cluster([{ host: cacheHostName, port: cluster.seed.port }], {
    dnsLookup: (host, callback) =>
      host === cacheHostName
        ? callback(null, "127.0.0.1", 4)
        : callback(
            Object.assign(new Error(`refusing to look up ${host}`), { code: "ENOTFOUND" }),
            "",
          ),
    redisOptions: {
      password: sentinelAccessKey,
      tls,
      protocol: 2,
      disableClientInfo: true,
      connectTimeout: 3_000,
      maxRetriesPerRequest: 0,
    },
    clusterRetryStrategy: () => null,
    slotsRefreshTimeout: 3_000,
    lazyConnect: true,
  });
  client.on("error", () => {});
  return client;
}

/** Resolves with the error code when nothing listens on 127.0.0.1:`port`, else "connected". */
function tcpOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe("a TLS Redis Cluster on loopback", () => {
  it("comes up with all 16384 slots covered by 3 primaries, each with a replica", async () => {
    const ranges = primaries()
      .flatMap((node) => node.slots)
      .sort((a, b) => a[0] - b[0]);

    expect(primaries()).toHaveLength(3);
    expect(ranges[0]?.[0]).toBe(0);
    expect(ranges.at(-1)?.[1]).toBe(hashSlotCount - 1);
    for (let i = 1; i < ranges.length; i += 1) {
      // Each range starts right after the previous one ends: no gap, no overlap.
      expect(ranges[i]?.[0]).toBe((ranges[i - 1]?.[1] ?? 0) + 1);
    }
    const replicas = cluster.nodes.filter((node) => node.role === "replica");
    expect(replicas.map((node) => node.primaryPort).sort()).toEqual(
      primaries()
        .map((node) => node.port)
        .sort(),
    );
    expect(cluster.seed).toEqual({ host: "127.0.0.1", port: primaries()[0]?.port });

    for (const node of cluster.nodes) {
      const info = String(await (await cluster.admin(node.port)).call("CLUSTER", "INFO"));
      expect(info).toContain("cluster_state:ok");
      expect(info).toContain(`cluster_slots_ok:${hashSlotCount}`);
    }
  });

  it("fails certificate checks for a Cluster client that verifies the node's IP", async () => {
    // Node's own check runs unchanged; recording its verdict shows what failed, because
    // ioredis reports only "Connection is closed." for the connection it refreshes slots on.
    const verdicts: (Error | undefined)[] = [];
    const client = clusterClient({
      ca: [ca.cert],
      checkServerIdentity: (host: string, cert: PeerCertificate) => {
        const verdict = checkServerIdentity(host, cert);
        verdicts.push(verdict);
        return verdict;
      },
    });

    try {
      await expect(client.connect()).rejects.toThrow("None of startup nodes is available");
    } finally {
      client.disconnect();
    }

    expect(verdicts.length).toBeGreaterThan(0);
    for (const verdict of verdicts) {
      expect(verdict).toMatchObject({ code: "ERR_TLS_CERT_ALTNAME_INVALID" });
      expect(verdict?.message).toContain("IP: 127.0.0.1 is not in the cert's list");
    }
  });

  it("serves SET and GET on every shard to a client that verifies the cache's name", async () => {
    const client = clusterClient({ ca: [ca.cert], servername: cacheHostName });
    const shards = await Promise.all(
      primaries().map(async (node) => ({
        port: node.port,
        key: await keyServedBy(cluster, node.port, "harness:shard"),
      })),
    );

    try {
      await client.connect();
      for (const { port, key } of shards) {
        expect(await client.set(key, `value of ${key}`)).toBe("OK");
        expect(await client.get(key)).toBe(`value of ${key}`);
        // Asked directly, the owning primary holds it: the client followed the slot map.
        expect(await (await cluster.admin(port)).get(key)).toBe(`value of ${key}`);
      }
    } finally {
      await Promise.all(shards.map(({ key }) => client.del(key).catch(() => 0)));
      client.disconnect();
    }
  });

  it("finds probe keys on whichever node holds them, and registers users on every node", async () => {
    const owner = primaries()[1];
    if (owner === undefined) throw new Error("the cluster has no second primary");
    const key = await keyServedBy(cluster, owner.port, "redis-connector-check:");
    const admin = await cluster.admin(owner.port);

    await admin.set(key, "left behind");
    const withKey = await cluster.probeKeys();
    await admin.del(key);

    expect(withKey).toEqual([key]);
    expect(await cluster.probeKeys()).toEqual([]);

    await cluster.setUser("harness-user", "Harness+Pass/1==", ["~*", "&*", "+@connection"]);
    for (const node of cluster.nodes) {
      const client = await connectClient({
        port: node.port,
        username: "harness-user",
        password: "Harness+Pass/1==",
        tls: { ca: [ca.cert], servername: cacheHostName },
      });
      try {
        expect(await client.ping()).toBe("PONG");
      } finally {
        client.disconnect();
      }
    }
  });

  // Last, because it leaves the cluster degraded.
  it("kill(port) makes that node refuse connections while the others still answer", async () => {
    const victim = primaries()[2];
    if (victim === undefined) throw new Error("the cluster has no third primary");

    await cluster.kill(victim.port);

    expect(await tcpOutcome(victim.port)).toBe("ECONNREFUSED");
    expect(() => process.kill(victim.pid, 0)).toThrow();
    const survivor = primaries()[0];
    if (survivor === undefined) throw new Error("the cluster has no first primary");
    expect(await (await cluster.admin(survivor.port)).ping()).toBe("PONG");
    expect(await cluster.probeKeys()).toEqual([]);
  });
});
