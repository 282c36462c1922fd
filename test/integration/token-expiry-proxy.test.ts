import { randomUUID } from "node:crypto";
import { connect as connectTls } from "node:tls";
import type { TLSSocket } from "node:tls";
import { setTimeout as sleep } from "node:timers/promises";

import type { Redis, RedisOptions } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { accessPolicyRules } from "../support/access-policies.js";
import { connectClient } from "../support/redis-client.js";
import { cacheHostName, startRedisServer } from "../support/redis-server.js";
import type { RedisServer } from "../support/redis-server.js";
import { authenticationIn } from "../support/resp/authentication.js";
import { RespCommandReader } from "../support/resp/command-reader.js";
import type { RespCommand } from "../support/resp/command-reader.js";
import { jwtExpiryMs } from "../support/resp/jwt-expiry.js";
import { createTestCa } from "../support/test-ca.js";
import type { TestCa } from "../support/test-ca.js";
import { startTokenExpiryProxy } from "../support/token-expiry-proxy.js";
import type { TokenExpiryProxy, TokenExpiryProxyOptions } from "../support/token-expiry-proxy.js";

const accessKey = "Proxy+Key/Abc123==";
const plainUser = { name: "plain-user", password: "Plain+Pass/Abc123==" };

let ca: TestCa;
let redis: RedisServer;
const proxies: TokenExpiryProxy[] = [];
const clients: Redis[] = [];
const rawSockets: TLSSocket[] = [];

beforeAll(async () => {
  ca = createTestCa();
  redis = await startRedisServer({
    ca,
    accessKey,
    plainListener: true,
    users: [{ ...plainUser, rules: accessPolicyRules.owner }],
  });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  for (const socket of rawSockets.splice(0)) socket.destroy();
  await Promise.all(proxies.splice(0).map((proxy) => proxy.stop()));
});

afterAll(async () => {
  await redis?.stop();
  ca?.remove();
});

/** A token shaped like Entra's, expiring at `exp` (seconds); the signature is never checked. */
function mintJwt(oid: string, exp: number): string {
  const encode = (part: object): string => Buffer.from(JSON.stringify(part)).toString("base64url");
  const payload = { oid, exp, iat: exp - 3600, uti: randomUUID() };

  return [encode({ alg: "RS256", typ: "JWT" }), encode(payload), "c2lnbmF0dXJl"].join(".");
}

/** An identity whose Redis password is a token that expires `seconds` from now (rounded down). */
async function entraIdentity(
  seconds: number,
): Promise<{ oid: string; token: string; exp: number }> {
  const oid = randomUUID();
  const exp = Math.floor(Date.now() / 1000) + seconds;
  const token = mintJwt(oid, exp);

  await redis.setUser(oid, token, accessPolicyRules.owner);
  return { oid, token, exp };
}

async function startProxy(
  options: Partial<TokenExpiryProxyOptions> = {},
): Promise<TokenExpiryProxy> {
  const proxy = await startTokenExpiryProxy({
    upstream: { host: redis.host, port: redis.port, tls: true },
    ca,
    ...options,
  });
  proxies.push(proxy);
  return proxy;
}

/** An ioredis client through the proxy, checking the cache's name as an app would. */
async function connectThrough(proxy: TokenExpiryProxy, options: RedisOptions): Promise<Redis> {
  const client = await connectClient({
    host: proxy.host,
    port: proxy.port,
    tls: { ca: [ca.cert], servername: cacheHostName },
    ...options,
  });
  clients.push(client);
  return client;
}

/** Resolves with the time the client's connection ended; rejects after `withinMs`. */
function whenEnded(client: Redis, withinMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`still connected after ${withinMs} ms`)),
      withinMs,
    );
    client.once("end", () => {
      clearTimeout(timer);
      resolve(Date.now());
    });
  });
}

async function waitUntil(condition: () => boolean, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;

  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${withinMs} ms`);
    await sleep(20);
  }
}

/** A command as a client library writes it: an array of bulk strings. */
function resp(...words: string[]): Buffer {
  const parts = words.map((word) => `$${Buffer.byteLength(word)}\r\n${word}\r\n`);
  return Buffer.from(`*${words.length}\r\n${parts.join("")}`);
}

/** A raw TLS connection through the proxy, with everything it receives collected as text. */
async function rawConnection(proxy: TokenExpiryProxy) {
  const socket = connectTls({
    host: proxy.host,
    port: proxy.port,
    servername: cacheHostName,
    ca: [ca.cert],
  });
  rawSockets.push(socket);

  let received = "";
  const closed = new Promise<number>((resolve) => socket.once("close", () => resolve(Date.now())));
  socket.on("data", (data: Buffer) => (received += data.toString("latin1")));
  socket.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once("secureConnect", () => resolve());
    socket.once("error", reject);
  });
  socket.setNoDelay(true);

  return { socket, closed, received: () => received };
}

/** Writes each piece on its own and lets it leave before the next, so they arrive apart. */
async function writeInPieces(socket: TLSSocket, bytes: Buffer, cuts: number[]): Promise<void> {
  const edges = [0, ...cuts, bytes.length];

  for (let index = 1; index < edges.length; index += 1) {
    await new Promise<void>((resolve, reject) =>
      socket.write(bytes.subarray(edges[index - 1], edges[index]), (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    await sleep(15);
  }
}

describe("token expiry proxy", () => {
  it("closes a connection once its token expires", async () => {
    const { oid, token, exp } = await entraIdentity(2);
    const proxy = await startProxy();
    const client = await connectThrough(proxy, { username: oid, password: token });
    const ended = whenEnded(client, 4_000);

    expect(await client.ping()).toBe("PONG");

    const endedAt = await ended;
    expect(endedAt).toBeGreaterThanOrEqual(exp * 1000);
    expect(endedAt - exp * 1000).toBeLessThan(1_000);
    expect(proxy.closedForExpiry()).toBe(1);
    expect(proxy.authCount()).toBe(1);
    await waitUntil(() => proxy.openConnections() === 0, 1_000);
  });

  it("keeps a connection that sent a newer token before the first one expired", async () => {
    const { oid, token, exp } = await entraIdentity(2);
    const proxy = await startProxy();
    const client = await connectThrough(proxy, { username: oid, password: token });

    // Refresh shortly before the first token runs out, as a client with token refresh would.
    await sleep(Math.max(0, exp * 1000 - 500 - Date.now()));
    const fresher = mintJwt(oid, exp + 3);
    await redis.setUser(oid, fresher);
    expect(await client.call("AUTH", oid, fresher)).toBe("OK");

    await sleep(exp * 1000 + 300 - Date.now());
    expect(await client.ping()).toBe("PONG");
    expect(proxy.closedForExpiry()).toBe(0);
    expect(proxy.authCount()).toBe(2);
    expect(proxy.openConnections()).toBe(1);
  });

  it("never expires a password that is not a JWT, on a plain-text upstream too", async () => {
    // A clock ten years ahead: any token would long have expired, and only the JWT does.
    const tenYearsMs = 10 * 365 * 86_400_000;
    const proxy = await startProxy({
      upstream: { host: redis.host, port: redis.plainPort ?? 0 },
      now: () => Date.now() + tenYearsMs,
    });
    const withKey = await connectThrough(proxy, { password: accessKey });
    const withPassword = await connectThrough(proxy, {
      username: plainUser.name,
      password: plainUser.password,
    });

    // An hour-long token sent in HELLO 3 AUTH (RESP3), which the proxy reads as well.
    const { oid, token } = await entraIdentity(3600);
    await connectThrough(proxy, { username: oid, password: token, protocol: 3 }).catch(() => {
      // Whether HELLO's reply beats the close is a race; only the close matters here.
    });
    await waitUntil(() => proxy.closedForExpiry() === 1, 2_000);

    await sleep(200);
    expect(await withKey.ping()).toBe("PONG");
    expect(await withPassword.ping()).toBe("PONG");
    expect(proxy.closedForExpiry()).toBe(1);
    expect(proxy.authCount()).toBe(3);
  });

  it("reads an AUTH that arrives split over many chunks", async () => {
    const { oid, token, exp } = await entraIdentity(2);
    const proxy = await startProxy();
    const { socket, closed, received } = await rawConnection(proxy);
    const auth = resp("AUTH", oid, token);

    // Cut after "*", between a CR and its LF, inside the user's length, inside the token and
    // right before the final LF: every place where a reader could lose its footing.
    const firstLf = auth.indexOf("\n");
    const tokenAt = auth.indexOf(token);
    const cuts = [1, firstLf, firstLf + 12, tokenAt + 10, tokenAt + 200, auth.length - 1];
    await writeInPieces(socket, auth, cuts);

    // Several commands in one chunk after that.
    socket.write(Buffer.concat([resp("PING"), resp("ECHO", "split"), resp("PING")]));
    await waitUntil(() => received().includes("+PONG\r\n$5\r\nsplit\r\n+PONG\r\n"), 2_000);
    expect(received().startsWith("+OK\r\n")).toBe(true);
    expect(proxy.authCount()).toBe(1);

    // The proxy read the token's expiry from those pieces, so it closes the connection then.
    const closedAt = await closed;
    expect(closedAt).toBeGreaterThanOrEqual(exp * 1000);
    expect(proxy.closedForExpiry()).toBe(1);
  });

  it("closes every connection when stopped", async () => {
    const proxy = await startProxy();
    const client = await connectThrough(proxy, { password: accessKey });
    const ended = whenEnded(client, 2_000);

    await proxy.stop();

    await ended;
    expect(proxy.openConnections()).toBe(0);
    expect(proxy.closedForExpiry()).toBe(0);
  });
});

describe("RespCommandReader", () => {
  function readAll(chunks: Buffer[]): { commands: RespCommand[]; broken: boolean } {
    const commands: RespCommand[] = [];
    const reader = new RespCommandReader({
      keepArgumentsOf: (name) => name === "AUTH",
      onCommand: (command) => commands.push(command),
    });

    for (const chunk of chunks) reader.feed(chunk);
    return { commands, broken: reader.broken };
  }

  const bytesOf = (buffer: Buffer): Buffer[] => [...buffer].map((byte) => Buffer.of(byte));

  it("reads commands fed one byte at a time", () => {
    const { commands, broken } = readAll(bytesOf(resp("auth", "user", "secret")));

    expect(broken).toBe(false);
    expect(commands).toEqual([{ name: "AUTH", args: ["user", "secret"] }]);
  });

  it("reads several commands from one chunk and keeps only the asked-for arguments", () => {
    const chunk = Buffer.concat([resp("SET", "k", "v"), resp("AUTH", "pw"), resp("PING")]);

    expect(readAll([chunk]).commands).toEqual([
      { name: "SET", args: [undefined, undefined] },
      { name: "AUTH", args: ["pw"] },
      { name: "PING", args: [] },
    ]);
  });

  it("skips a large value without losing its place, and ignores inline commands", () => {
    const big = "x".repeat(300_000);
    const bytes = Buffer.concat([
      resp("SET", "k", big),
      Buffer.from("PING\r\n"),
      resp("AUTH", "pw"),
    ]);
    const chunks = [
      bytes.subarray(0, 70_000),
      bytes.subarray(70_000, 250_000),
      bytes.subarray(250_000),
    ];

    expect(readAll(chunks).commands.map((command) => command.name)).toEqual(["SET", "AUTH"]);
  });

  it("remembers at most the first eight arguments of a long command", () => {
    const words = Array.from({ length: 20 }, (_, index) => `w${index}`);
    const [command] = readAll([resp("AUTH", ...words)]).commands;

    expect(command?.args).toEqual(words.slice(0, 8));
  });

  it("gives up on bytes that are not RESP", () => {
    expect(readAll([Buffer.from("*2\r\n$4\r\nAUTH\r\n:12\r\n")]).broken).toBe(true);
    expect(readAll([Buffer.from("*1\r\n$2\r\nabc\r\n")]).broken).toBe(true);
    expect(readAll([Buffer.alloc(70_000, 0x61)]).broken).toBe(true);
  });
});

describe("authentication and token expiry", () => {
  it.each([
    ["AUTH pw", { name: "AUTH", args: ["pw"] }, "pw"],
    ["AUTH user pw", { name: "AUTH", args: ["user", "pw"] }, "pw"],
    ["HELLO 3 AUTH user pw", { name: "HELLO", args: ["3", "AUTH", "user", "pw"] }, "pw"],
    [
      "HELLO 3 SETNAME n auth u pw",
      { name: "HELLO", args: ["3", "SETNAME", "n", "auth", "u", "pw"] },
      "pw",
    ],
  ])("finds the password in %s", (_label, command, password) => {
    expect(authenticationIn(command)).toEqual({ password });
  });

  it.each([
    ["PING", { name: "PING", args: [] }],
    ["HELLO 3", { name: "HELLO", args: ["3"] }],
    ["HELLO 3 SETNAME n", { name: "HELLO", args: ["3", "SETNAME", "n"] }],
    ["AUTH with three arguments", { name: "AUTH", args: ["a", "b", "c"] }],
  ])("finds no authentication in %s", (_label, command) => {
    expect(authenticationIn(command)).toBeUndefined();
  });

  it("reads exp from a JWT and nothing from other passwords", () => {
    expect(jwtExpiryMs(mintJwt("oid", 1_700_000_000))).toBe(1_700_000_000_000);
    expect(jwtExpiryMs(accessKey)).toBeUndefined();
    expect(jwtExpiryMs("a.b.c")).toBeUndefined();
    expect(
      jwtExpiryMs(`x.${Buffer.from('{"exp":"soon"}').toString("base64url")}.y`),
    ).toBeUndefined();
  });
});
