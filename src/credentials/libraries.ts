import type { HttpClient } from "@azure/core-rest-pipeline";

import type { IdentityCredentials } from "./build-credential.js";
import { observedHttpClient } from "./observed-http.js";

/** The parts of the Azure SDK the credential step uses, loaded on first need. */
export interface AzureLibraries {
  identity: IdentityCredentials;
  /** One observed client for the whole process; see observedHttpClient for why. */
  httpClient: HttpClient;
  /** Switches every Azure SDK logger off. */
  silence: () => void;
}

let loaded: Promise<AzureLibraries> | undefined;

/**
 * Loads @azure/identity and its HTTP pipeline the first time an Entra token is wanted, so a
 * run with an access key never pays for them.
 *
 * It also switches the Azure SDK's logging off, on every call, since anything may have
 * switched it on since. The SDK logs to stderr as soon as AZURE_LOG_LEVEL or a matching DEBUG
 * is set, and its messages carry request URLs and identifiers; the check's own output is the
 * only thing that should reach the terminal.
 */
export async function loadAzureLibraries(): Promise<AzureLibraries> {
  loaded ??= importLibraries();

  const libraries = await loaded;
  libraries.silence();
  return libraries;
}

async function importLibraries(): Promise<AzureLibraries> {
  const sdk = await import("./azure-sdk.js");

  return {
    identity: sdk,
    httpClient: observedHttpClient(sdk.createDefaultHttpClient()),
    silence: () => sdk.setLogLevel(),
  };
}
