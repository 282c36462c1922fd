// The plain way to measure PING latency with ioredis: connect with TLS, AUTH, then time
// BENCH_PINGS sequential PINGs on the monotonic clock and print their p50 (nearest rank)
// in milliseconds. The yardstick for the checker's --count sampling.
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

const samples = [];
for (let i = 0; i < Number(env.BENCH_PINGS); i++) {
  const start = process.hrtime.bigint();
  await redis.ping();
  samples.push(Number(process.hrtime.bigint() - start) / 1e6);
}
await redis.quit();

samples.sort((a, b) => a - b);
console.log(samples[Math.ceil(samples.length / 2) - 1].toFixed(3));
