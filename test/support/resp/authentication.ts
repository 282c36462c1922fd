import type { RespCommand } from "./command-reader.js";

/** The password an authenticating command carries; `undefined` when it was not kept. */
export interface Authentication {
  password: string | undefined;
}

/** True for the commands that can carry a password, whose arguments the proxy must read. */
export function mayAuthenticate(name: string): boolean {
  return name === "AUTH" || name === "HELLO";
}

/**
 * The authentication in a command, or `undefined` when the command does not authenticate:
 * `AUTH <password>` (the `default` user), `AUTH <user> <password>`, and
 * `HELLO <protover> [AUTH <user> <password>] [SETNAME <name>]` in any order of its options.
 */
export function authenticationIn(command: RespCommand): Authentication | undefined {
  const { name, args } = command;

  if (name === "AUTH" && (args.length === 1 || args.length === 2)) {
    return { password: args[args.length - 1] };
  }
  if (name !== "HELLO") {
    return undefined;
  }

  // args[0] is the protocol version; the options follow it.
  for (let index = 1; index < args.length;) {
    const option = args[index]?.toUpperCase();

    if (option === "AUTH" && index + 2 < args.length) {
      return { password: args[index + 2] };
    }
    if (option !== "SETNAME") {
      return undefined;
    }
    index += 2;
  }
  return undefined;
}
