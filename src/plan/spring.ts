import { getProperties } from "properties-file";

import { ConfigError } from "./config-error.js";
import type { SettingsLookup } from "./environment.js";
import { readSpringSettings } from "./spring-settings.js";
import type { SpringEntries, SpringGeneration } from "./spring-settings.js";
import type { ConnectionSettings } from "./types.js";

/** The two property prefixes, newest first: Boot 3 moved `spring.redis` to `spring.data.redis`. */
const GENERATIONS: readonly SpringGeneration[] = [
  { label: "Spring Boot 3", property: "spring.data.redis.", variable: "SPRING_DATA_REDIS_" },
  { label: "Spring Boot 2", property: "spring.redis.", variable: "SPRING_REDIS_" },
];

const CONNECTION_KEYS = new Set(["url", "host", "port", "username", "password", "database"]);

/**
 * Parses the text of a Java `.properties` file (such as `application.properties`) into keys
 * and values. Throws `ConfigError` when the text cannot be read, without quoting it.
 */
export function parseSpringProperties(text: string): Record<string, string> {
  try {
    return { ...getProperties(text) };
  } catch {
    throw new ConfigError(
      "The Spring properties file cannot be parsed: it has a malformed \\uXXXX escape",
    );
  }
}

/**
 * Reads the Spring Boot Redis settings, from a properties file and from relaxed-binding
 * variables (`SPRING_DATA_REDIS_HOST` for `spring.data.redis.host`). Variables win over the
 * file, as they do in Spring Boot. Boot 3 names win over Boot 2 names when both are present.
 * Returns `null` when neither generation has any connection setting.
 */
export function findSpringConnection(
  properties: Readonly<Record<string, string>> | undefined,
  lookup: SettingsLookup,
): ConnectionSettings | null {
  const found = GENERATIONS.map((generation) => ({
    generation,
    entries: collectEntries(generation, properties ?? {}, lookup),
  })).filter(({ entries }) => [...entries.keys()].some((key) => CONNECTION_KEYS.has(key)));

  const [chosen, other] = found;
  if (chosen === undefined) return null;

  const settings = readSpringSettings(chosen.generation, chosen.entries);
  if (other !== undefined) {
    settings.warnings.push(
      `Both ${chosen.generation.property}* and ${other.generation.property}* settings are ` +
        `present; ${chosen.generation.property}* is used (${chosen.generation.label}), ` +
        `but a ${other.generation.label} app reads ${other.generation.property}*`,
    );
  }

  return settings;
}

function collectEntries(
  generation: SpringGeneration,
  properties: Readonly<Record<string, string>>,
  lookup: SettingsLookup,
): SpringEntries {
  const entries: SpringEntries = new Map();
  for (const [name, value] of Object.entries(properties)) {
    const key = name.toLowerCase();
    if (key.startsWith(generation.property)) {
      entries.set(key.slice(generation.property.length), {
        name,
        value,
        source: "spring-properties",
      });
    }
  }

  for (const setting of lookup.values()) {
    if (!setting.name.startsWith(generation.variable)) continue;

    // Relaxed binding: SPRING_DATA_REDIS_SSL_ENABLED stands for spring.data.redis.ssl.enabled.
    const key = setting.name.slice(generation.variable.length).toLowerCase().replaceAll("_", ".");
    const shadowed = entries.get(key);
    const differs = shadowed !== undefined && shadowed.value.trim() !== setting.value.trim();
    entries.set(key, differs ? { ...setting, overrides: shadowed.name } : setting);
  }

  return entries;
}
