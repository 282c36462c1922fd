// Preloaded into the built command in tests (NODE_OPTIONS=--import): any TCP connection to
// a host other than loopback fails at once and is announced on stderr, so a credential that
// falls through to 169.254.169.254 or a public Entra host fails the test instead of leaving.
import { Socket } from "node:net";

const loopback = new Set(["localhost", "127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const connect = Socket.prototype.connect;

function hostOf(args) {
  const [first] = args;
  if (Array.isArray(first)) return hostOf(first);
  if (first && typeof first === "object")
    return first.path ? "localhost" : (first.host ?? "localhost");
  return typeof args[1] === "string" ? args[1] : "localhost";
}

Socket.prototype.connect = function guardedConnect(...args) {
  const host = hostOf(args);
  if (loopback.has(host)) return connect.apply(this, args);

  process.stderr.write(`LOOPBACK-GUARD blocked ${host}\n`);
  const error = Object.assign(new Error(`connect EHOSTUNREACH ${host}`), { code: "EHOSTUNREACH" });
  process.nextTick(() => this.destroy(error));
  return this;
};
