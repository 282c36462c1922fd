import type { SettingSource } from "./types.js";

/** One variable as found, with where it came from. */
export interface FoundSetting {
  name: string;
  value: string;
  source: SettingSource;
}

/** The environment the plan reads: variable name to value and source. */
export type SettingsLookup = ReadonlyMap<string, FoundSetting>;

/**
 * Merges the process environment with a parsed `--env-file`. The file wins: it stands for the
 * app's own environment, which is what the check is asked to reproduce.
 */
export function mergeEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  envFile: Readonly<Record<string, string>> = {},
): SettingsLookup {
  const merged = new Map<string, FoundSetting>();
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined) merged.set(name, { name, value, source: "env" });
  }

  for (const [name, value] of Object.entries(envFile)) {
    merged.set(name, { name, value, source: "env-file" });
  }

  return merged;
}

/** A variable's trimmed value, or `undefined` when it is missing or blank. */
export function settingValue(lookup: SettingsLookup, name: string): string | undefined {
  const value = lookup.get(name)?.value.trim();
  return value === "" ? undefined : value;
}
