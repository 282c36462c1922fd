import { adminUserName } from "./redis-admin.js";
import { quoteConfigValue, renderRedisConfig } from "./redis-config.js";
import type { AclUser } from "./redis-config.js";

/** Everything the config file of one cluster node depends on. */
export interface ClusterNodeConfigSettings {
  dir: string;
  /** The TLS port clients and the other nodes use; the node announces it. */
  tlsPort: number;
  /** The cluster bus port, set explicitly so it never lands above 65535 (tls-port + 10000). */
  busPort: number;
  certPath: string;
  keyPath: string;
  caCertPath: string;
  /** The access key, on the `default` user. */
  accessKey: string;
  /** Password of the harness's `admin` user, which replicas also log in to primaries as. */
  adminPassword: string;
  users: readonly AclUser[];
  nodeTimeoutMs: number;
}

/**
 * Renders redis.conf for one node of a TLS-only cluster on loopback: the single-server file
 * (no plain port, the access key, ACL users, the harness's `admin`) plus cluster settings.
 */
export function renderClusterNodeConfig(settings: ClusterNodeConfigSettings): string {
  const base = renderRedisConfig({
    dir: settings.dir,
    plainPort: undefined,
    tls: {
      port: settings.tlsPort,
      certPath: settings.certPath,
      keyPath: settings.keyPath,
      // Nodes verify each other's certificate chain against this CA on the bus and for
      // replication (Redis checks the chain only, not the name).
      caCertPath: settings.caCertPath,
    },
    accessKey: settings.accessKey,
    users: [
      { name: adminUserName, password: settings.adminPassword, rules: ["~*", "&*", "+@all"] },
      ...settings.users,
    ],
  });

  const cluster = [
    "cluster-enabled yes",
    `cluster-config-file ${quoteConfigValue("nodes.conf")}`,
    `cluster-port ${settings.busPort}`,
    `cluster-node-timeout ${settings.nodeTimeoutMs}`,
    // A dead node then fails only its own slots, as on a degraded Azure cache, instead of
    // taking the whole cluster down.
    "cluster-require-full-coverage no",
    "tls-cluster yes",
    "tls-replication yes",
    // Replicas authenticate as `admin`, so tests may change the `default` user freely.
    `masteruser ${adminUserName}`,
    `masterauth ${quoteConfigValue(settings.adminPassword)}`,
    // The default waits 5 s for more replicas before streaming a snapshot; here no second
    // replica ever comes, so that wait would only slow every start.
    "repl-diskless-sync-delay 0",
    // CLUSTER SLOTS shows a replica only once its replication offset has moved; an idle
    // primary moves it with these pings, by default only every 10 s.
    "repl-ping-replica-period 1",
  ];

  return base + cluster.join("\n") + "\n";
}
