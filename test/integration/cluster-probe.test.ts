import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { accessPolicyRules } from "../support/access-policies.js";
import {
  sampleIdentities,
  SAMPLE_TENANT,
  startAppServiceIdentityEndpoint,
  type StandIn,
} from "../support/entra/index.js";
import { refusedPort } from "../support/fault-servers.js";
import {
  cacheHostName,
  startRedisCluster,
  type ClusterNode,
  type RedisCluster,
} from "../support/redis-cluster.js";
import { baseEnv, expectNoSecrets, runBuilt, type CliResult } from "../support/run-cli.js";
import { createTestCa, type TestCa } from "../support/test-ca.js";
import { sentinelAccessKey } from "../support/test-world.js";

/** Azure's Data Reader policy, which also allows the cluster commands clients discover with. */
const reader = {
  name: "reader",
  password: "Reader+Pass/Abc123==",
  rules: [
    ...accessPolicyRules.reader,
    "+cluster|info",
    "+cluster|slots",
    "+cluster|nodes",
    "+cluster|shards",
  ],
};

/** A custom policy without CLUSTER INFO: the probe can only learn of the cluster from MOVED. */
const blindWriter = {
  name: "blind-writer",
  password: "Blind+Writer/Abc123==",
  rules: [...accessPolicyRules.contributor, "-cluster|info"],
};

const { system } = sampleIdentities;

let ca: TestCa;
let cluster: RedisCluster;
let appService: StandIn<Record<string, string>>;

beforeAll(async () => {
  ca = createTestCa();
  cluster = await startRedisCluster({
    ca,
    accessKey: sentinelAccessKey,
    primaries: 3,
    replicas: 1,
    users: [reader, blindWriter],
  });
  appService = await startAppServiceIdentityEndpoint({
    identities: [system],
    tenantId: SAMPLE_TENANT,
  });

  // ACLs are per node, so a token becomes the password of its oid on every node before the
  // client receives it, as Azure accepts it on every shard.
  appService.onTokenIssued(async (issued) => {
    await cluster.setUser(issued.objectId, issued.token, accessPolicyRules.contributor);
  });
});

afterAll(async () => {
  await Promise.all([cluster?.stop(), appService?.close()]);
  ca?.remove();
});

interface NodeEntry {
  address: string;
  port: number;
  role: "primary" | "replica";
  slots: string[];
  ok: boolean;
  ms: number;
  steps: { name: string; ok: boolean; ms: number }[];
  failure: { category: string; cause: string; message: string; hint: string } | null;
}

interface ClusterReport {
  ok: boolean;
  exitCode: number;
  auth: { method: string; username: string | null };
  cluster: { detectedBy: string; uncoveredSlots: string[] } | null;
  nodes: NodeEntry[] | null;
  failure: { category: string; cause: string; message: string; hint: string } | null;
}

function secrets(): string[] {
  return [
    sentinelAccessKey,
    reader.password,
    blindWriter.password,
    appService.env.IDENTITY_HEADER ?? "",
    ...appService.issued.map((issued) => issued.token),
  ];
}

/** A `rediss://` connection string for the cache, as the given user or the access key. */
function connectionString(port: number, user?: { name: string; password: string }): string {
  const credentials = user ? `${user.name}:${user.password}` : `:${sentinelAccessKey}`;
  return `rediss://${credentials}@${cacheHostName}:${port}/0`;
}

/** Runs the built command with the cache's name sent to 127.0.0.1:`port` and the test CA. */
async function probe(
  port: number,
  env: Record<string, string>,
  extra: string[] = [],
): Promise<{ result: CliResult; report: ClusterReport }> {
  const flags = ["--resolve", `${cacheHostName}:${port}:127.0.0.1`, "--ca-file", ca.certPath];
  const result = await runBuilt(["--json", ...flags, ...extra], baseEnv(env));
  expectNoSecrets(result, secrets());
  return { result, report: JSON.parse(result.stdout) as ClusterReport };
}

function keyProbe(port: number, extra: string[] = [], user?: { name: string; password: string }) {
  return probe(port, { AZURE_REDIS_CONNECTIONSTRING: connectionString(port, user) }, extra);
}

function formatSlots(node: ClusterNode): string[] {
  return node.slots.map(([start, end]) => (start === end ? `${start}` : `${start}-${end}`));
}

/** The report's entry for the harness node, found by the slots it serves or by its port. */
function entryFor(report: ClusterReport, node: ClusterNode): NodeEntry | undefined {
  return node.role === "primary"
    ? report.nodes?.find((entry) => entry.slots.join() === formatSlots(node).join())
    : report.nodes?.find((entry) => entry.port === node.port);
}

const stepNames = (entry: NodeEntry | undefined) => entry?.steps.map((step) => step.name);

/** The last steps of a node, where its probe commands come after any connection steps. */
const lastSteps = (entry: NodeEntry | undefined, count: number) => stepNames(entry)?.slice(-count);
const byRole = (target: RedisCluster, role: ClusterNode["role"]) =>
  target.nodes.filter((node) => node.role === role);

describe("the cluster probe against a real TLS Redis Cluster", () => {
  it("passes with the access key, probing every primary on its own slots", async () => {
    const { result, report } = await keyProbe(cluster.seed.port);

    expect(result.code, result.stderr).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.cluster).toEqual({ detectedBy: "cluster-info", uncoveredSlots: [] });
    expect(report.nodes).toHaveLength(cluster.nodes.length);

    for (const primary of byRole(cluster, "primary")) {
      const entry = entryFor(report, primary);
      expect(entry, `no entry for primary ${primary.port}`).toMatchObject({
        address: "127.0.0.1",
        port: primary.port,
        role: "primary",
        ok: true,
        failure: null,
      });
      expect(lastSteps(entry, 3)).toEqual(["set", "get", "del"]);
      expect(entry?.steps.every((step) => step.ok && step.ms >= 0)).toBe(true);
      expect(entry?.ms).toBeGreaterThan(0);
    }
    for (const replica of byRole(cluster, "replica")) {
      const entry = entryFor(report, replica);
      expect(entry, `no entry for replica ${replica.port}`).toMatchObject({
        role: "replica",
        slots: [],
        ok: true,
      });
      expect(lastSteps(entry, 1)).toEqual(["ping"]);
      expect(stepNames(entry)).not.toContain("set");
    }
  });

  it("times each node's own connection, AUTH and probe commands as its steps", async () => {
    const { report } = await keyProbe(cluster.seed.port);

    for (const node of cluster.nodes) {
      const commands = node.role === "primary" ? ["ping", "set", "get", "del"] : ["ping"];
      expect(stepNames(entryFor(report, node)), `steps of ${node.role} ${node.port}`).toEqual([
        "tcp",
        "tls",
        "auth",
        ...commands,
      ]);
    }
  });

  it("reports detectedBy forced with --cluster", async () => {
    const { result, report } = await keyProbe(cluster.seed.port, ["--cluster"]);

    expect(result.code, result.stderr).toBe(0);
    expect(report.cluster?.detectedBy).toBe("forced");
    expect(report.nodes?.filter((entry) => entry.ok)).toHaveLength(cluster.nodes.length);
  });

  it("exits 7 on SET for a Data Reader user, and passes with --read-only", async () => {
    const writing = await keyProbe(cluster.seed.port, [], reader);
    const reading = await keyProbe(cluster.seed.port, ["--read-only"], reader);

    expect(writing.result.code).toBe(7);
    expect(writing.report.ok).toBe(false);
    expect(writing.report.auth.username).toBe(reader.name);
    expect(writing.report.failure).toMatchObject({ category: "permission", cause: "noperm" });
    for (const primary of byRole(cluster, "primary")) {
      const entry = entryFor(writing.report, primary);
      expect(entry?.ok).toBe(false);
      expect(entry?.failure?.cause).toBe("noperm");
    }

    expect(reading.result.code, reading.result.stderr).toBe(0);
    for (const primary of byRole(cluster, "primary")) {
      // A GET of a key that does not exist: all a reader may do, and it writes nothing.
      const entry = entryFor(reading.report, primary);
      expect(entry?.ok).toBe(true);
      expect(lastSteps(entry, 1)).toEqual(["get"]);
      expect(stepNames(entry)).not.toContain("set");
      expect(stepNames(entry)).not.toContain("del");
    }
    for (const replica of byRole(cluster, "replica")) {
      expect(lastSteps(entryFor(reading.report, replica), 1)).toEqual(["ping"]);
    }
  });

  it("passes with an App Service managed identity whose token every node accepts", async () => {
    const port = cluster.seed.port;
    const env = { AZURE_REDIS_HOST: cacheHostName, ...appService.env };

    const { result, report } = await probe(port, env, ["--port", String(port)]);

    expect(result.code, result.stderr).toBe(0);
    expect(report.auth).toEqual({ method: "system-assigned-identity", username: system.objectId });
    expect(report.cluster?.detectedBy).toBe("cluster-info");
    expect(report.nodes?.map((entry) => entry.ok)).toEqual(cluster.nodes.map(() => true));
  });

  it("reports a node whose mapped address refuses as unreachable, the rest as fine", async () => {
    const [seed, target] = byRole(cluster, "primary");
    if (seed === undefined || target === undefined) throw new Error("too few primaries");
    const refused = await refusedPort();
    const mapTo = (port: number) => ["--node-map", `127.0.0.1:${target.port}=127.0.0.1:${port}`];

    const broken = await keyProbe(seed.port, mapTo(refused));
    const identity = await keyProbe(seed.port, mapTo(target.port));

    expect(broken.result.code).toBe(4);
    expect(broken.report.ok).toBe(false);
    expect(broken.report.failure).toMatchObject({
      category: "network",
      cause: "cluster-node-unreachable",
    });
    const entry = entryFor(broken.report, target);
    expect(entry).toMatchObject({ address: "127.0.0.1", port: target.port, ok: false });
    expect(entry?.failure).toMatchObject({
      category: "network",
      cause: "cluster-node-unreachable",
    });
    for (const other of byRole(cluster, "primary").filter((node) => node !== target)) {
      expect(entryFor(broken.report, other)?.ok).toBe(true);
    }

    // Mapping a node onto itself changes nothing.
    expect(identity.result.code, identity.result.stderr).toBe(0);
  });

  it("learns of the cluster from MOVED when CLUSTER INFO is refused", async () => {
    // A replica answers every write with MOVED, so the outcome does not depend on which
    // slot the random probe key falls in.
    const replica = byRole(cluster, "replica")[0];
    if (replica === undefined) throw new Error("the cluster has no replica");

    const { result, report } = await keyProbe(replica.port, [], blindWriter);

    expect(result.code, result.stderr).toBe(0);
    expect(report.cluster?.detectedBy).toBe("moved");
    expect(report.nodes?.every((entry) => entry.ok)).toBe(true);
  });

  it("exits 7 with clustered-cache under --no-cluster when the write is redirected", async () => {
    const replica = byRole(cluster, "replica")[0];
    if (replica === undefined) throw new Error("the cluster has no replica");

    const { result, report } = await keyProbe(replica.port, ["--no-cluster"]);

    expect(result.code).toBe(7);
    expect(report.failure?.cause).toBe("clustered-cache");
    expect(report.cluster).toBeNull();
    expect(report.nodes).toBeNull();
  });

  it("under --no-cluster at a primary, passes or exits 7 with clustered-cache", async () => {
    // The single-node probe key is random, so whether the seed owns its slot is chance; both
    // outcomes are right, and neither may report the cluster.
    const { result, report } = await keyProbe(cluster.seed.port, ["--no-cluster"]);

    expect([0, 7]).toContain(result.code);
    if (result.code === 7) expect(report.failure?.cause).toBe("clustered-cache");
    expect(report.nodes).toBeNull();
  });

  // Last in this block: every run above must have cleaned up after itself.
  it("leaves no probe keys on any node", async () => {
    expect(await cluster.probeKeys()).toEqual([]);
  });
});

describe("the cluster probe against a cluster that announces or loses a node", () => {
  // A cluster of its own, because these cases degrade it for good.
  let degraded: RedisCluster;

  beforeAll(async () => {
    degraded = await startRedisCluster({ ca, accessKey: sentinelAccessKey, primaries: 3 });
  });

  afterAll(async () => {
    await degraded?.stop();
  });

  it("reaches a node announced on a port that refuses once --node-map points at it", async () => {
    const target = byRole(degraded, "primary")[1];
    if (target === undefined) throw new Error("the cluster has no second primary");
    const announced = await refusedPort();
    await degraded.announce(target.port, announced);

    let unmapped, mapped;
    try {
      unmapped = await keyProbe(degraded.seed.port);
      mapped = await keyProbe(degraded.seed.port, [
        "--node-map",
        `127.0.0.1:${announced}=127.0.0.1:${target.port}`,
      ]);
    } finally {
      // Announce the real port again, so the next case meets only the failure it makes.
      await degraded.announce(target.port, target.port);
    }

    expect(unmapped.result.code).toBe(4);
    const lost = entryFor(unmapped.report, target);
    expect(lost).toMatchObject({ port: announced, ok: false });
    expect(lost?.failure?.cause).toBe("cluster-node-unreachable");
    expect(lost?.failure?.hint).toContain("--node-map");

    expect(mapped.result.code, mapped.result.stderr).toBe(0);
    const found = entryFor(mapped.report, target);
    expect(found).toMatchObject({ port: announced, ok: true });
    expect(lastSteps(found, 3)).toEqual(["set", "get", "del"]);
  });

  it("names slots that no primary serves as cluster-slots-uncovered", async () => {
    const seedAdmin = await degraded.admin(degraded.seed.port);
    // The seed gives up slots 100-200; no other node claims them, so the seed's layout has a gap.
    await seedAdmin.call("CLUSTER", "DELSLOTSRANGE", "100", "200");

    let probe;
    try {
      probe = await keyProbe(degraded.seed.port);
    } finally {
      await seedAdmin.call("CLUSTER", "ADDSLOTSRANGE", "100", "200");
    }

    expect(probe.result.code).toBe(4);
    expect(probe.report.cluster?.uncoveredSlots).toEqual(["100-200"]);
    expect(probe.report.failure).toMatchObject({
      category: "network",
      cause: "cluster-slots-uncovered",
    });
    expect(probe.report.nodes?.every((node) => node.ok)).toBe(true);
  });

  it("reports a killed primary as unreachable and the other primaries as fine", async () => {
    const [seed, , victim] = byRole(degraded, "primary");
    if (seed === undefined || victim === undefined) throw new Error("too few primaries");
    await degraded.kill(victim.port);

    const { result, report } = await keyProbe(seed.port);

    expect(result.code).toBe(4);
    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({
      category: "network",
      cause: "cluster-node-unreachable",
    });
    const entry = entryFor(report, victim);
    expect(entry).toMatchObject({ port: victim.port, ok: false });
    expect(entry?.failure).toMatchObject({
      category: "network",
      cause: "cluster-node-unreachable",
    });
    for (const other of byRole(degraded, "primary").filter((node) => node !== victim)) {
      expect(entryFor(report, other)?.ok).toBe(true);
      expect(lastSteps(entryFor(report, other), 3)).toEqual(["set", "get", "del"]);
    }
    expect(await degraded.probeKeys()).toEqual([]);
  });
});
