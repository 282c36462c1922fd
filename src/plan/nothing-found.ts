import { ConfigError } from "./config-error.js";

/** The error for an environment with no Redis settings at all, naming what was looked for. */
export function nothingFoundError(): ConfigError {
  return new ConfigError(
    "No Redis settings were found. Looked for AZURE_REDIS_CONNECTIONSTRING, AZURE_REDIS_HOST, " +
      "AZURE_REDIS_<NAME>_CONNECTIONSTRING and AZURE_REDIS_<NAME>_HOST, " +
      "SPRING_DATA_REDIS_HOST / SPRING_DATA_REDIS_URL (spring.data.redis.host / .url) and " +
      "SPRING_REDIS_HOST / SPRING_REDIS_URL (spring.redis.host / .url)",
    "Run the check inside the app's container or App Service console, where Service Connector " +
      "sets the variables, or pass --env-file FILE, --spring-properties FILE or --host HOST",
  );
}
