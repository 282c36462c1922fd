import { ConfigError } from "./config-error.js";
import { SPRING_CONNECTION } from "./spring-settings.js";
import type { ConnectionSettings } from "./types.js";

export interface Selection {
  selected: ConnectionSettings;
  warnings: string[];
}

/** How a connection is called in messages. */
export function connectionLabel(name: string | null): string {
  if (name === null) return "the unnamed AZURE_REDIS_* connection";
  if (name === SPRING_CONNECTION) return "the Spring Boot settings";
  return `connection ${name} (AZURE_REDIS_${name}_*)`;
}

/**
 * Picks the connection to check. `--connection NAME` (case-insensitive) decides when given.
 * Otherwise the unnamed `AZURE_REDIS_*` connection comes first, then named ones, then Spring's,
 * skipping any without a host unless `--host` supplies one. `connections` must be ordered so.
 */
export function selectConnection(
  connections: readonly ConnectionSettings[],
  wanted: string | undefined,
  hostFlagGiven: boolean,
): Selection {
  if (wanted !== undefined) {
    return { selected: findByName(connections, wanted), warnings: [] };
  }

  const usable = connections.filter((c) => c.host !== undefined || hostFlagGiven);
  const selected = usable[0] ?? connections[0];
  if (selected === undefined) {
    throw new ConfigError("No connection settings were found to choose from");
  }

  return { selected, warnings: explainChoice(selected, usable) };
}

function findByName(
  connections: readonly ConnectionSettings[],
  wanted: string,
): ConnectionSettings {
  const match = connections.find((c) => c.name?.toLowerCase() === wanted.toLowerCase());
  if (match !== undefined) return match;

  const names = connections.flatMap((c) => (c.name === null ? [] : [c.name]));
  const list = names.length === 0 ? "none" : names.join(", ");
  throw new ConfigError(
    `--connection ${wanted}: no connection by that name was found (named connections: ${list})`,
    "Named connections come from AZURE_REDIS_<NAME>_* variables; Spring Boot settings are " +
      `called "${SPRING_CONNECTION}". Leave out --connection to check the unnamed one.`,
  );
}

function explainChoice(
  selected: ConnectionSettings,
  usable: readonly ConnectionSettings[],
): string[] {
  const others = usable.filter((c) => c !== selected);
  if (others.length === 0) return [];

  const spring = others.find((c) => c.name === SPRING_CONNECTION);
  const named = others.filter((c) => c.name !== SPRING_CONNECTION).map((c) => c.name);
  const warnings: string[] = [];
  if (spring !== undefined && selected.name !== SPRING_CONNECTION) {
    warnings.push(
      "Both AZURE_REDIS_* variables and Spring Boot settings are present; " +
        `${connectionLabel(selected.name)} wins. ` +
        `Use --connection ${SPRING_CONNECTION} to check the Spring Boot settings instead`,
    );
  }

  if (named.length > 0) {
    warnings.push(
      `Several connections were found; checking ${connectionLabel(selected.name)}. ` +
        `Use --connection NAME to check another (${named.join(", ")})`,
    );
  }

  return warnings;
}
