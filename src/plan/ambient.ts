import type { SettingsLookup } from "./environment.js";
import { settingValue } from "./environment.js";
import type { FoundVariable } from "./types.js";

/** Azure SDK variables that are not per connection but shape the credential. */
export interface AmbientAzure {
  /** Written by the AKS workload identity webhook. */
  federatedTokenFile?: string;
  tenantId?: string;
  clientId?: string;
  authorityHost?: string;
  variables: FoundVariable[];
}

const NAMES = {
  federatedTokenFile: "AZURE_FEDERATED_TOKEN_FILE",
  tenantId: "AZURE_TENANT_ID",
  clientId: "AZURE_CLIENT_ID",
  authorityHost: "AZURE_AUTHORITY_HOST",
} as const;

/** Reads the ambient Azure variables; none of them is a secret. */
export function readAmbientAzure(lookup: SettingsLookup): AmbientAzure {
  const ambient: AmbientAzure = { variables: [] };
  for (const [field, name] of Object.entries(NAMES) as [keyof typeof NAMES, string][]) {
    const value = settingValue(lookup, name);
    const setting = lookup.get(name);
    if (value === undefined || setting === undefined) continue;

    ambient[field] = value;
    ambient.variables.push({ name, value, source: setting.source });
  }

  return ambient;
}
