import type { StandInIdentity } from "./identities.js";

/** A tenant the sample identities live in. */
export const SAMPLE_TENANT = "7f3c1e2a-0d4b-4c5e-9a8b-1c2d3e4f5a6b";

/** A federated token as a Kubernetes service account would project it (not a real one). */
export const SAMPLE_FEDERATED_TOKEN =
  "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6YXBwIn0.c2lnbmF0dXJlLWJ5dGVz";

/** One identity of each kind, with ids that are easy to tell apart in a failing assertion. */
export const sampleIdentities = {
  system: {
    kind: "system",
    clientId: "0a1b2c3d-1111-4aaa-8bbb-000000000001",
    objectId: "9e8d7c6b-1111-4ccc-8ddd-000000000001",
  },
  user: {
    kind: "user",
    clientId: "0a1b2c3d-2222-4aaa-8bbb-000000000002",
    objectId: "9e8d7c6b-2222-4ccc-8ddd-000000000002",
  },
  servicePrincipal: {
    kind: "service-principal",
    clientId: "0a1b2c3d-3333-4aaa-8bbb-000000000003",
    objectId: "9e8d7c6b-3333-4ccc-8ddd-000000000003",
    tenantId: SAMPLE_TENANT,
    secret: "Sp~Secret.Value_0123456789+abcdef/ABCDEF=",
  },
  expiredServicePrincipal: {
    kind: "service-principal",
    clientId: "0a1b2c3d-5555-4aaa-8bbb-000000000005",
    objectId: "9e8d7c6b-5555-4ccc-8ddd-000000000005",
    tenantId: SAMPLE_TENANT,
    secret: "Expired~Secret.Value_9876543210",
    secretExpired: true,
  },
  workload: {
    kind: "workload",
    clientId: "0a1b2c3d-4444-4aaa-8bbb-000000000004",
    objectId: "9e8d7c6b-4444-4ccc-8ddd-000000000004",
    tenantId: SAMPLE_TENANT,
    federatedToken: SAMPLE_FEDERATED_TOKEN,
  },
} satisfies Record<string, StandInIdentity>;
