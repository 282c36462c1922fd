import { existsSync } from "node:fs";
import { connect as connectTcp } from "node:net";
import type { Socket } from "node:net";
import { connect as connectTls } from "node:tls";

import type { Redis, RedisOptions } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { refusedPort, startResetServer, startSilentServer } from "../support/fault-servers.js";
import type { FaultServer } from "../support/fault-servers.js";
import { connectClient } from "../support/redis-client.js";
import { cacheHostName, startRedisServer } from "../support/redis-server.js";
import { startTestWorld } from "../support/test-world.js";
import type { TestWorld } from "../support/test-world.js";

let world: TestWorld;
const openClients: Redis[] = [];

beforeAll(async () => {
  world = await startTestWorld();
});

afterEach(() => {
  for (const client of openClients.splice(0)) {
    client.disconnect();
  }
});

afterAll(async () => {
  await world?.stop();
});

/** Connects to the world's TLS server, trusting its CA and checking the cache's name. */
async function connectToWorld(options: RedisOptions): Promise<Redis> {
  const client = await connectClient({
    host: world.redis.host,
    port: world.redis.port,
    tls: { ca: [world.ca.cert], servername: cacheHostName },
    ...options,
  });
  openClients.push(client);
  return client;
}

/** Resolves with the error a socket ends with, or undefined if it closes cleanly. */
function socketOutcome(socket: Socket): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error));
    socket.once("close", () => resolve(undefined));
  });
}

/** Process exists? `kill(pid, 0)` sends nothing and only checks. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

describe("TLS redis-server", () => {
  it("answers PING over TLS to a client that trusts the CA and uses the access key", async () => {
    const client = await connectToWorld({ password: world.accessKey });

    expect(await client.ping()).toBe("PONG");
    expect(await client.call("ACL", "WHOAMI")).toBe("default");
  });

  it("serves no plain-text port", () => {
    expect(world.redis.tls).toBe(true);
    expect(world.redis.plainPort).toBeUndefined();
    expect(world.redis.tlsPort).toBe(world.redis.port);
    expect(world.redis.caCertPath).toBe(world.ca.certPath);
  });

  it("refuses a wrong access key with WRONGPASS", async () => {
    await expect(connectToWorld({ password: "Wrong+Key/Abc123==" })).rejects.toThrow(/WRONGPASS/);
  });

  it("fails the TLS handshake for a client that does not trust the CA", async () => {
    const socket = connectTls({
      host: "127.0.0.1",
      port: world.redis.port,
      servername: cacheHostName,
    });
    const error = await socketOutcome(socket);

    expect(error?.code).toMatch(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
  });

  it("presents a certificate for the cache's host name, issued by the test CA", async () => {
    const socket = connectTls({
      host: "127.0.0.1",
      port: world.redis.port,
      servername: cacheHostName,
      ca: [world.ca.cert],
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("secureConnect", resolve);
      socket.once("error", reject);
    });

    const peer = socket.getPeerCertificate();
    socket.destroy();
    expect(peer.subjectaltname).toContain(`DNS:${cacheHostName}`);
    expect(peer.subjectaltname).toContain("IP Address:127.0.0.1");
  });
});

describe("ACL users", () => {
  it("lets the reader GET but refuses it SET with NOPERM", async () => {
    const { name, password } = world.users.reader;
    const client = await connectToWorld({ username: name, password });

    expect(await client.get("redis-connector-check:absent")).toBeNull();
    await expect(client.set("redis-connector-check:reader", "1")).rejects.toThrow(/NOPERM/);
  });

  it("lets the writer-without-SET write in other ways but refuses SET", async () => {
    const { name, password } = world.users.writerWithoutSet;
    const client = await connectToWorld({ username: name, password });

    await expect(client.set("redis-connector-check:writer", "1")).rejects.toThrow(/NOPERM.*set/i);
    expect(await client.hset("redis-connector-check:writer-hash", "field", "1")).toBe(1);
    expect(await client.del("redis-connector-check:writer-hash")).toBe(1);
  });

  it("setUser creates a user whose ~2 KB password works, then replaces only the password", async () => {
    const firstToken = `eyJ.${"a".repeat(2_000)}.first`;
    const secondToken = `eyJ.${"b".repeat(2_000)}.second`;
    const name = "00000000-0000-0000-0000-00000000beef";
    await world.redis.setUser(name, firstToken, ["~*", "&*", "+@read", "+@connection"]);

    const first = await connectToWorld({ username: name, password: firstToken });
    expect(await first.ping()).toBe("PONG");

    await world.redis.setUser(name, secondToken);

    await expect(connectToWorld({ username: name, password: firstToken })).rejects.toThrow(
      /WRONGPASS/,
    );
    const second = await connectToWorld({ username: name, password: secondToken });
    expect(await second.get("redis-connector-check:absent")).toBeNull();
    await expect(second.set("redis-connector-check:token", "1")).rejects.toThrow(/NOPERM/);
  });

  it("setUser with rules rebuilds the user from scratch", async () => {
    const name = "rebuilt-user";
    await world.redis.setUser(name, "Old+Pass/1==", ["~*", "&*", "+@all"]);
    await world.redis.setUser(name, "New+Pass/2==", ["~*", "&*", "+@read", "+@connection"]);

    await expect(connectToWorld({ username: name, password: "Old+Pass/1==" })).rejects.toThrow(
      /WRONGPASS/,
    );
    const client = await connectToWorld({ username: name, password: "New+Pass/2==" });
    await expect(client.set("redis-connector-check:rebuilt", "1")).rejects.toThrow(/NOPERM/);
  });
});

describe("probeKeys", () => {
  it("finds probe keys in every database and nothing else", async () => {
    const admin = await world.redis.admin();
    await admin.set("redis-connector-check:x", "1");
    await admin.set("unrelated:x", "1");
    await admin.set("redis-connector-checkx", "1");
    await admin.multi().select(3).set("redis-connector-check:in-db-3", "1").select(0).exec();

    try {
      expect(await world.redis.probeKeys()).toEqual([
        "redis-connector-check:in-db-3",
        "redis-connector-check:x",
      ]);
    } finally {
      await admin.del("redis-connector-check:x", "unrelated:x", "redis-connector-checkx");
      await admin.multi().select(3).flushdb().select(0).exec();
    }

    expect(await world.redis.probeKeys()).toEqual([]);
  });
});

describe("fault servers", () => {
  let faultServer: FaultServer | undefined;

  afterEach(async () => {
    await faultServer?.stop();
    faultServer = undefined;
  });

  it("the silent server accepts but sends nothing within 300 ms", async () => {
    faultServer = await startSilentServer();
    const socket = connectTcp({ host: faultServer.host, port: faultServer.port });
    const received: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => received.push(chunk));
    socket.on("error", () => undefined);

    await new Promise<void>((resolve) => socket.once("connect", resolve));
    socket.write("PING\r\n");
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(received).toEqual([]);
    expect(socket.destroyed).toBe(false);
    expect(faultServer.accepted()).toBe(1);
    socket.destroy();
  });

  it("the silent server closes the connections it holds on stop", async () => {
    faultServer = await startSilentServer();
    const socket = connectTcp({ host: faultServer.host, port: faultServer.port });
    await new Promise<void>((resolve) => socket.once("connect", resolve));
    const outcome = socketOutcome(socket);

    await faultServer.stop();

    await outcome;
    expect(socket.destroyed).toBe(true);
  });

  it("the reset server resets the connection", async () => {
    faultServer = await startResetServer();
    const socket = connectTcp({ host: faultServer.host, port: faultServer.port });

    const error = await socketOutcome(socket);

    expect(error?.code).toBe("ECONNRESET");
  });

  it("the refused port refuses", async () => {
    const socket = connectTcp({ host: "127.0.0.1", port: await refusedPort() });

    const error = await socketOutcome(socket);

    expect(error?.code).toBe("ECONNREFUSED");
  });
});

describe("server lifecycle", () => {
  it("runs plain text only with tls: false", async () => {
    const server = await startRedisServer({ accessKey: "Plain+Key/1==", tls: false });
    try {
      expect(server.tls).toBe(false);
      expect(server.tlsPort).toBeUndefined();
      expect(server.plainPort).toBe(server.port);

      const client = await connectClient({ port: server.port, password: "Plain+Key/1==" });
      openClients.push(client);
      expect(await client.ping()).toBe("PONG");
    } finally {
      await server.stop();
    }
  });

  it("serves both ports when asked, passes extra arguments, and leaves nothing after stop()", async () => {
    const server = await startRedisServer({
      ca: world.ca,
      accessKey: "Both+Key/1==",
      plainListener: true,
      extraArgs: ["--maxclients", "17"],
    });
    const { pid, dir } = server;

    const plain = await connectClient({ port: server.plainPort, password: "Both+Key/1==" });
    openClients.push(plain);
    expect(await plain.ping()).toBe("PONG");
    const overTls = await connectClient({
      port: server.tlsPort,
      password: "Both+Key/1==",
      tls: { ca: [world.ca.cert], servername: "localhost" },
    });
    openClients.push(overTls);
    expect(await overTls.ping()).toBe("PONG");
    expect(await (await server.admin()).config("GET", "maxclients")).toEqual(["maxclients", "17"]);

    expect(isRunning(pid)).toBe(true);
    await server.stop();

    expect(isRunning(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
    await server.stop();
  });

  it("rejects with the server's log when redis-server cannot start", async () => {
    const started = startRedisServer({
      accessKey: "Bad+Key/1==",
      tls: false,
      extraArgs: ["--no-such-directive", "1"],
    });

    await expect(started).rejects.toThrow(/ended before it was ready[\s\S]*no-such-directive/);
  });
});
