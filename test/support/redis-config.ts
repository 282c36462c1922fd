import { join } from "node:path";

/** An ACL user: a name, its password and the ACL rules that follow `on`. */
export interface AclUser {
  name: string;
  password: string;
  /** ACL rules such as `~*`, `&*`, `+@read`; add `off` to create a disabled user. */
  rules: readonly string[];
}

/** Everything the config file of one test server depends on. */
export interface RedisConfigSettings {
  dir: string;
  /** Plain-text port, or undefined for no plain listener. */
  plainPort: number | undefined;
  tls:
    { port: number; certPath: string; keyPath: string; caCertPath: string | undefined } | undefined;
  /** The access key; Azure access keys authenticate as the `default` user. */
  accessKey: string;
  users: readonly AclUser[];
}

/**
 * Quotes a value the way redis.conf reads it, so passwords with `+`, `/`, `=`, quotes or
 * spaces arrive intact.
 */
export function quoteConfigValue(value: string): string {
  const escaped = value.replace(/[\\"]|[^\x20-\x7e]/gu, (char) =>
    char === "\\" || char === '"' ? `\\${char}` : escapeBytes(char),
  );
  return `"${escaped}"`;
}

function escapeBytes(char: string): string {
  return [...Buffer.from(char, "utf8")]
    .map((byte) => `\\x${byte.toString(16).padStart(2, "0")}`)
    .join("");
}

/** The `user` line that (re)defines an ACL user from scratch. */
export function aclUserLine(user: AclUser): string {
  const words = [user.name, "reset", "on", ...user.rules, `>${user.password}`];
  return `user ${words.map(quoteConfigValue).join(" ")}`;
}

/**
 * Renders redis.conf for a throwaway server: loopback only, nothing written to disk, the
 * access key on the `default` user, and the given ACL users.
 *
 * Passwords go into a file rather than onto the command line so they never show in `ps`.
 */
export function renderRedisConfig(settings: RedisConfigSettings): string {
  const lines = [
    "bind 127.0.0.1",
    `port ${settings.plainPort ?? 0}`,
    `dir ${quoteConfigValue(settings.dir)}`,
    `logfile ${quoteConfigValue(join(settings.dir, "redis.log"))}`,
    'save ""',
    "appendonly no",
    "daemonize no",
  ];

  if (settings.tls !== undefined) {
    lines.push(
      `tls-port ${settings.tls.port}`,
      `tls-cert-file ${quoteConfigValue(settings.tls.certPath)}`,
      `tls-key-file ${quoteConfigValue(settings.tls.keyPath)}`,
      "tls-auth-clients no",
    );
    if (settings.tls.caCertPath !== undefined) {
      lines.push(`tls-ca-cert-file ${quoteConfigValue(settings.tls.caCertPath)}`);
    }
  }

  const defaultUser: AclUser = {
    name: "default",
    password: settings.accessKey,
    rules: ["~*", "&*", "+@all"],
  };
  for (const user of [defaultUser, ...settings.users]) {
    lines.push(aclUserLine(user));
  }

  return lines.join("\n") + "\n";
}
