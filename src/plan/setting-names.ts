import { azureRedisName } from "./azure-names.js";
import type { AzureRedisSuffix } from "./azure-names.js";
import type { ConnectionSettings } from "./types.js";

/**
 * The variable a user would set to give a connection this setting, for messages. Spring Boot
 * settings are named as found (either generation, file or variable); they have no identity
 * variables, so for those the AZURE_REDIS_* name is given.
 */
export function settingName(settings: ConnectionSettings, suffix: AzureRedisSuffix): string {
  if (settings.form !== "spring-boot") return azureRedisName(settings.name, suffix);

  const ending = suffix.toLowerCase();
  const found = settings.variables.find((v) => v.name.toLowerCase().endsWith(ending));
  if (found !== undefined) return found.name;

  return ending === "password" || ending === "host"
    ? `spring.data.redis.${ending}`
    : azureRedisName(null, suffix);
}

/** Where a connection's key came from, for "X wins" messages. */
export function keySourceName(settings: ConnectionSettings): string {
  const fromString =
    settings.form === "stackexchange-connection-string" ||
    settings.form === "uri-connection-string";
  return fromString ? "the connection string" : settingName(settings, "PASSWORD");
}

/** The variables that can carry a key for this connection, for "no key found" messages. */
export function keyVariableNames(settings: ConnectionSettings): string[] {
  if (settings.form === "spring-boot") {
    return ["spring.data.redis.password", "spring.data.redis.url", "SPRING_DATA_REDIS_PASSWORD"];
  }

  return [
    azureRedisName(settings.name, "CONNECTIONSTRING"),
    azureRedisName(settings.name, "PASSWORD"),
  ];
}
