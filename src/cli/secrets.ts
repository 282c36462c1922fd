import type { Plan } from "../plan/types.js";
import type { Redactor } from "../report/redact.js";

/** Variable names whose values are secrets wherever they come from. */
const SECRET_NAME = /PASSWORD|SECRET|(^|_)KEY($|_)|TOKEN|HEADER|CONNECTIONSTRING|(^|_)URL$/i;

/** Where a secret hides inside a connection string: `password=...` or the URI's user info. */
function secretsInConnectionString(value: string): string[] {
  const found: string[] = [];
  const option = /password\s*=\s*([^,]+)/i.exec(value);
  if (option?.[1]) found.push(option[1].trim());

  const userInfo = /^rediss?:\/\/(.*)@/i.exec(value);
  if (userInfo?.[1]) found.push(userInfo[1].slice(userInfo[1].indexOf(":") + 1));

  return found;
}

/**
 * Registers every secret the run could print by accident: the plan's own, and any
 * secret-looking variable in the environment or env file (identity headers, client secrets,
 * connection strings), so even a library message that quotes one is scrubbed.
 */
export function registerSecrets(
  redactor: Redactor,
  plan: Plan | null,
  sources: ReadonlyArray<Readonly<Record<string, string | undefined>>>,
): void {
  for (const source of sources) {
    for (const [name, value] of Object.entries(source)) {
      // A *_FILE or *_PATH variable names where a secret lives, not the secret itself.
      if (!value || !SECRET_NAME.test(name) || /_(FILE|PATH)$/i.test(name)) continue;
      if (/CONNECTIONSTRING|URL$/i.test(name)) {
        secretsInConnectionString(value).forEach((s) => redactor.add(s));
        continue;
      }
      redactor.add(value);
    }
  }
  redactor.add(plan?.auth.password?.reveal());
  redactor.add(plan?.auth.clientSecret?.reveal());
}
