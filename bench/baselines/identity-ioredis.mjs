// What a managed-identity probe does, written the plain way: a token from @azure/identity's
// ManagedIdentityCredential (IDENTITY_ENDPOINT and IDENTITY_HEADER, as on App Service), its
// oid as the Redis username, then ioredis over TLS: AUTH, SET, GET, DEL, QUIT.
import { ManagedIdentityCredential } from "@azure/identity";
import { Redis } from "ioredis";

const env = process.env;
const credential = new ManagedIdentityCredential();
const { token } = await credential.getToken("https://redis.azure.com/.default");
const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));

const redis = new Redis({
  host: "127.0.0.1",
  port: Number(env.BENCH_PORT),
  username: claims.oid,
  password: token,
  tls: { servername: env.BENCH_SERVERNAME },
  maxRetriesPerRequest: 0,
  retryStrategy: () => null,
});
redis.on("error", (error) => {
  console.error(error.message);
  process.exitCode = 1;
});

const key = `bench:${process.pid}`;
await redis.set(key, "value", "EX", 60);
if ((await redis.get(key)) !== "value") throw new Error("GET did not return the value");
await redis.del(key);
await redis.quit();
