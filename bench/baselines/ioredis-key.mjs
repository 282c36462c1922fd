// What a key-based probe does, written the plain way with ioredis: connect with TLS, AUTH,
// SET, GET, DEL, QUIT. The benchmark's yardstick for the checker's key-based run. The
// test CA is trusted through NODE_EXTRA_CA_CERTS, next to the system store, as the checker's is.
import { Redis } from "ioredis";

const env = process.env;
const redis = new Redis({
  host: "127.0.0.1",
  port: Number(env.BENCH_PORT),
  password: env.BENCH_ACCESS_KEY,
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
