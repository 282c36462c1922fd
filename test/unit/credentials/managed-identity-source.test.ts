import { describe, expect, it } from "vitest";

import {
  managedIdentitySource,
  usesDefaultImds,
} from "../../../src/credentials/managed-identity-source.js";
import { tokenSourceFor } from "../../../src/credentials/token-source.js";

const noArcAgent = (): boolean => false;

describe("managedIdentitySource", () => {
  it.each([
    ["nothing set", {}, "imds"],
    ["a pod identity host", { AZURE_POD_IDENTITY_AUTHORITY_HOST: "http://127.0.0.1:1" }, "imds"],
    ["App Service", { IDENTITY_ENDPOINT: "http://e", IDENTITY_HEADER: "h" }, "app-service"],
    [
      "Service Fabric, which also sets the App Service pair",
      { IDENTITY_ENDPOINT: "https://e", IDENTITY_HEADER: "h", IDENTITY_SERVER_THUMBPRINT: "t" },
      "service-fabric",
    ],
    ["Machine Learning", { MSI_ENDPOINT: "http://e", MSI_SECRET: "s" }, "machine-learning"],
    ["Cloud Shell", { MSI_ENDPOINT: "http://e" }, "cloud-shell"],
    ["Azure Arc", { IDENTITY_ENDPOINT: "http://e", IMDS_ENDPOINT: "http://i" }, "azure-arc"],
    ["an identity endpoint alone", { IDENTITY_ENDPOINT: "http://e" }, "imds"],
    [
      "the AKS token exchange",
      {
        AZURE_CLIENT_ID: "c",
        AZURE_TENANT_ID: "t",
        AZURE_FEDERATED_TOKEN_FILE: "/f",
        IDENTITY_ENDPOINT: "http://e",
        IDENTITY_HEADER: "h",
      },
      "workload-identity",
    ],
  ])("picks the source for %s", (_label, env, source) => {
    expect(managedIdentitySource(env, undefined, noArcAgent)).toBe(source);
  });

  it("counts a given client id toward the token exchange like AZURE_CLIENT_ID", () => {
    const env = { AZURE_TENANT_ID: "t", AZURE_FEDERATED_TOKEN_FILE: "/f" };

    expect(managedIdentitySource(env, undefined, noArcAgent)).toBe("imds");
    expect(managedIdentitySource(env, "client", noArcAgent)).toBe("workload-identity");
  });

  it("picks Azure Arc when only its agent is installed", () => {
    expect(managedIdentitySource({}, undefined, () => true)).toBe("azure-arc");
  });

  it("treats IMDS as the real one only without a pod identity host", () => {
    expect(usesDefaultImds("imds", {})).toBe(true);
    expect(
      usesDefaultImds("imds", { AZURE_POD_IDENTITY_AUTHORITY_HOST: "http://127.0.0.1:1" }),
    ).toBe(false);
    expect(usesDefaultImds("app-service", {})).toBe(false);
  });
});

describe("tokenSourceFor", () => {
  const plan = { username: null, scope: "https://redis.azure.com/.default" };

  it.each([
    ["service-principal", "client-secret"],
    ["workload-identity", "workload-identity"],
    ["azure-cli", "azure-cli"],
    ["connection-string", undefined],
  ] as const)("names %s as %s", (method, source) => {
    expect(tokenSourceFor({ ...plan, method }, {})).toBe(source);
  });

  it("names the managed identity endpoint the environment selects", () => {
    const env = { IDENTITY_ENDPOINT: "http://e", IDENTITY_HEADER: "h" };

    expect(tokenSourceFor({ ...plan, method: "system-assigned-identity" }, env)).toBe(
      "app-service",
    );
    expect(tokenSourceFor({ ...plan, method: "user-assigned-identity", clientId: "c" }, env)).toBe(
      "app-service",
    );
  });
});
