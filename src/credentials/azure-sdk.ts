// The only parts of the Azure SDK the check uses, named in one place. Importing names rather
// than whole modules lets the bundler leave out the rest of @azure/identity (browser and
// interactive flows, the `open` package, credential chains), which the check never runs.
export {
  AzureCliCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
} from "@azure/identity";
export { createDefaultHttpClient } from "@azure/core-rest-pipeline";
export { setLogLevel } from "@azure/logger";
