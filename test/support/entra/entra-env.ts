import { vi } from "vitest";

/**
 * Variables that @azure/identity, msal-node or the Azure HTTP pipeline read from
 * `process.env` on their own. Any of them left over from the machine running the tests
 * could send a request to a real endpoint, so every test clears them all first.
 */
export const ENTRA_VARIABLES = [
  "IDENTITY_ENDPOINT",
  "IDENTITY_HEADER",
  "IDENTITY_SERVER_THUMBPRINT",
  "IMDS_ENDPOINT",
  "MSI_ENDPOINT",
  "MSI_SECRET",
  "AZURE_POD_IDENTITY_AUTHORITY_HOST",
  "AZURE_AUTHORITY_HOST",
  "AZURE_CLIENT_ID",
  "AZURE_TENANT_ID",
  "AZURE_CLIENT_SECRET",
  "AZURE_FEDERATED_TOKEN_FILE",
  "AZURE_REGIONAL_AUTHORITY_NAME",
  "DEFAULT_IDENTITY_CLIENT_ID",
  "MSAL_FORCE_REGION",
  "REGION_NAME",
  "AZURE_LOG_LEVEL",
  "HTTPS_PROXY",
  "HTTP_PROXY",
  "ALL_PROXY",
  "https_proxy",
  "http_proxy",
  "all_proxy",
] as const;

/**
 * Clears ENTRA_VARIABLES, sets `variables` on `process.env` through vi.stubEnv (undo with
 * vi.unstubAllEnvs), and returns the resulting environment for `acquireToken`, so the
 * libraries and the code under test see the same values.
 */
export function stubEntraEnv(
  variables: Readonly<Record<string, string>>,
): Record<string, string | undefined> {
  for (const name of ENTRA_VARIABLES) {
    vi.stubEnv(name, undefined);
  }
  for (const [name, value] of Object.entries(variables)) {
    vi.stubEnv(name, value);
  }
  return { ...process.env };
}
