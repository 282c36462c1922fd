import { describe, expect, it } from "vitest";

import { Secret } from "../../../src/plan/secret.js";
import { CACHE_HOST, configErrorFrom, KEY, planFor } from "./fixtures.js";

const IDENTITY = { AZURE_REDIS_HOST: CACHE_HOST, AZURE_REDIS_CLIENTID: "client-1" };
const AKS = { AZURE_FEDERATED_TOKEN_FILE: "/var/run/secrets/token", AZURE_TENANT_ID: "tenant-aks" };

describe("buildPlan: authentication method", () => {
  it.each([
    [{ AZURE_REDIS_CONNECTIONSTRING: `${CACHE_HOST}:6380,password=${KEY},ssl=True` }],
    [{ AZURE_REDIS_CONNECTIONSTRING: `rediss://:${KEY}@${CACHE_HOST}:6380/0` }],
    [{ AZURE_REDIS_HOST: CACHE_HOST, AZURE_REDIS_PASSWORD: KEY }],
    [{ SPRING_DATA_REDIS_HOST: CACHE_HOST, SPRING_DATA_REDIS_PASSWORD: KEY }],
  ])("uses connection-string when a key is present (%#)", (env) => {
    const { auth } = planFor(env);

    expect(auth.method).toBe("connection-string");
    expect(auth.password).toBeInstanceOf(Secret);
    expect(auth.password?.reveal()).toBe(KEY);
    expect(auth.username).toBeNull();
  });

  it("detects a system-assigned identity from the host alone", () => {
    const { auth } = planFor({ AZURE_REDIS_HOST: CACHE_HOST });

    expect(auth).toEqual({
      method: "system-assigned-identity",
      username: null,
      scope: "https://redis.azure.com/.default",
    });
  });

  it("detects a user-assigned identity from a client id", () => {
    const { auth } = planFor(IDENTITY);

    expect(auth.method).toBe("user-assigned-identity");
    expect(auth.clientId).toBe("client-1");
    expect(auth.username).toBeNull();
  });

  it("detects a service principal from client id, secret and tenant", () => {
    const { auth } = planFor({
      ...IDENTITY,
      AZURE_REDIS_CLIENTSECRET: "principal-secret",
      AZURE_REDIS_TENANTID: "tenant-1",
    });

    expect(auth.method).toBe("service-principal");
    expect(auth.clientSecret).toBeInstanceOf(Secret);
    expect(auth.clientSecret?.reveal()).toBe("principal-secret");
    expect(auth).toMatchObject({ clientId: "client-1", tenantId: "tenant-1" });
  });

  it("detects workload identity from the AKS variables", () => {
    const { auth } = planFor({ ...IDENTITY, ...AKS });

    expect(auth).toMatchObject({
      method: "workload-identity",
      clientId: "client-1",
      tenantId: "tenant-aks",
      federatedTokenFile: "/var/run/secrets/token",
    });
  });

  it("falls back to user-assigned identity when AZURE_TENANT_ID is missing, with a warning", () => {
    const plan = planFor({ ...IDENTITY, AZURE_FEDERATED_TOKEN_FILE: "/token" });

    expect(plan.auth.method).toBe("user-assigned-identity");
    expect(plan.warnings.join("\n")).toMatch(/AZURE_TENANT_ID is not/);
  });

  it("lets a key win over a client id and says so", () => {
    const plan = planFor({
      AZURE_REDIS_CONNECTIONSTRING: `${CACHE_HOST}:6380,password=${KEY},ssl=True`,
      AZURE_REDIS_CLIENTID: "client-1",
    });

    expect(plan.auth.method).toBe("connection-string");
    expect(plan.auth.clientId).toBeUndefined();
    expect(plan.warnings).toContain(
      "The connection string wins: a key is present, so AZURE_REDIS_CLIENTID is ignored; " +
        "remove one of them",
    );
  });

  it("takes the user name from a URI", () => {
    const { auth } = planFor({
      AZURE_REDIS_CONNECTIONSTRING: `rediss://app-user:${KEY}@${CACHE_HOST}:6380`,
    });

    expect(auth.username).toBe("app-user");
  });

  it("fills scope and authority host from flags before the environment", () => {
    const fromEnv = planFor({ ...IDENTITY, AZURE_AUTHORITY_HOST: "https://login.env.example" });
    const fromFlags = planFor(
      { ...IDENTITY, AZURE_AUTHORITY_HOST: "https://login.env.example" },
      { flags: { scope: "api://custom/.default", authorityHost: "https://login.flag.example" } },
    );

    expect(fromEnv.auth.authorityHost).toBe("https://login.env.example");
    expect(fromFlags.auth).toMatchObject({
      scope: "api://custom/.default",
      authorityHost: "https://login.flag.example",
    });
  });

  it("rejects a client secret without a tenant, naming the missing variable", () => {
    const error = configErrorFrom(() =>
      planFor({ ...IDENTITY, AZURE_REDIS_CLIENTSECRET: "principal-secret" }),
    );

    expect(error.message).toContain("AZURE_REDIS_TENANTID");
    expect(error.message).not.toContain("principal-secret");
  });
});

describe("buildPlan: --auth forces a method", () => {
  it("uses the signed-in Azure CLI user, ignoring a key with a warning", () => {
    const plan = planFor(
      { AZURE_REDIS_HOST: CACHE_HOST, AZURE_REDIS_PASSWORD: KEY },
      { flags: { auth: "azure-cli" } },
    );

    expect(plan.auth.method).toBe("azure-cli");
    expect(plan.auth.password).toBeUndefined();
    expect(plan.warnings).toContain(
      "--auth azure-cli is forced, so the key from AZURE_REDIS_PASSWORD is not used",
    );
  });

  it("rejects connection-string without a key, naming where a key could be", () => {
    const error = configErrorFrom(() =>
      planFor({ AZURE_REDIS_HOST: CACHE_HOST }, { flags: { auth: "connection-string" } }),
    );

    expect(error.message).toMatch(/needs a key/);
    expect(error.hint).toContain("AZURE_REDIS_CONNECTIONSTRING or AZURE_REDIS_PASSWORD");
  });

  it("rejects service-principal without secret and tenant, naming both", () => {
    const error = configErrorFrom(() =>
      planFor({ ...IDENTITY }, { flags: { auth: "service-principal" } }),
    );

    expect(error.message).toBe(
      "A service principal needs AZURE_REDIS_CLIENTSECRET, AZURE_REDIS_TENANTID, which are missing",
    );
  });

  it("names a named connection's variables in the error", () => {
    const error = configErrorFrom(() =>
      planFor(
        { AZURE_REDIS_CACHE2_HOST: CACHE_HOST },
        { flags: { auth: "user-assigned-identity" } },
      ),
    );

    expect(error.message).toContain("AZURE_REDIS_CACHE2_CLIENTID");
  });

  it("rejects workload-identity outside AKS, naming what is missing", () => {
    const error = configErrorFrom(() =>
      planFor({ ...IDENTITY }, { flags: { auth: "workload-identity" } }),
    );

    expect(error.message).toContain("AZURE_FEDERATED_TOKEN_FILE");
    expect(error.message).toContain("AZURE_TENANT_ID");
    expect(error.message).not.toContain("CLIENTID");
  });

  it("takes AZURE_CLIENT_ID for forced workload identity when no Redis client id exists", () => {
    const { auth } = planFor(
      { AZURE_REDIS_HOST: CACHE_HOST, AZURE_CLIENT_ID: "webhook-client", ...AKS },
      { flags: { auth: "workload-identity" } },
    );

    expect(auth).toMatchObject({ clientId: "webhook-client", tenantId: "tenant-aks" });
  });
});
