import { SPRING_CONNECTION } from "./spring-settings.js";
import type { AuthMethod, ConnectionSettings } from "./types.js";

/**
 * Service Connector offers Spring Boot (and Go) apps key-based connections only, so Spring
 * settings next to identity variables, or Spring settings checked with an identity, describe
 * a setup the app cannot use as configured.
 */
export function springIdentityWarnings(
  connections: readonly ConnectionSettings[],
  selected: ConnectionSettings,
  method: AuthMethod,
): string[] {
  const spring = connections.find((c) => c.form === "spring-boot");
  if (spring === undefined) return [];

  const identityVariables = connections.some(
    (c) => c !== spring && (c.password === undefined || c.clientId !== undefined),
  );
  const springWithIdentity = selected === spring && method !== "connection-string";
  if (!identityVariables && !springWithIdentity) return [];

  return [
    `Spring Boot settings (${SPRING_CONNECTION}) are present together with identity-based ` +
      "settings, but through Service Connector Spring Boot (and Go) apps only support " +
      "key-based connections: the app will need a key, or its own Entra ID setup",
  ];
}
