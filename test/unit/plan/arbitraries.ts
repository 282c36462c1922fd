import fc from "fast-check";

import { AZURE_REDIS_SUFFIXES } from "../../../src/plan/azure-names.js";
import { AUTH_METHODS } from "../../../src/plan/types.js";

// Pieces that steer random text towards the paths parsers branch on.
const FRAGMENTS = [
  ",",
  "=",
  ":",
  "@",
  "/",
  "?",
  "#",
  "&",
  "[",
  "]",
  "%",
  "%2B",
  "%zz",
  "%E2%82",
  "rediss://",
  "redis://",
  "password=",
  "ssl=",
  "defaultDatabase=",
  "sslHost=",
  "user=",
  "6380",
  "\\u12",
  "\n",
  "contoso.redis.cache.windows.net",
];

/** Text made of parser-relevant fragments and arbitrary characters, astral ones included. */
export const trickyText = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: "binary", maxLength: 8 })), {
    maxLength: 12,
  })
  .map((parts) => parts.join(""));

const variableName = fc.oneof(
  fc.constantFrom(...AZURE_REDIS_SUFFIXES).map((suffix) => `AZURE_REDIS_${suffix}`),
  fc
    .tuple(fc.constantFrom("A", "B_C", "SPRING"), fc.constantFrom(...AZURE_REDIS_SUFFIXES))
    .map(([name, suffix]) => `AZURE_REDIS_${name}_${suffix}`),
  fc.constantFrom(
    "AZURE_FEDERATED_TOKEN_FILE",
    "AZURE_TENANT_ID",
    "AZURE_CLIENT_ID",
    "AZURE_AUTHORITY_HOST",
    "AZURE_REDIS_UNKNOWN",
    "SPRING_DATA_REDIS_HOST",
    "SPRING_DATA_REDIS_URL",
    "SPRING_DATA_REDIS_SSL_ENABLED",
    "SPRING_REDIS_PORT",
    "SPRING_REDIS_PASSWORD",
  ),
  fc.string({ maxLength: 12 }),
);

const propertyName = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("spring.redis.", "spring.data.redis.", "Spring.Data.Redis."),
      fc.constantFrom(
        "host",
        "port",
        "password",
        "username",
        "database",
        "ssl",
        "ssl.enabled",
        "url",
      ),
    )
    .map(([prefix, key]) => prefix + key),
  fc.string({ maxLength: 12 }),
);

/** An environment mixing known variable names with arbitrary ones and tricky values. */
export const anyEnvironment = fc.dictionary(
  variableName,
  fc.option(trickyText, { nil: undefined }),
  {
    maxKeys: 8,
  },
);

export const anyEnvFile = fc.dictionary(variableName, trickyText, { maxKeys: 4 });

export const anySpringProperties = fc.dictionary(propertyName, trickyText, { maxKeys: 6 });

export const anyFlags = fc.record(
  {
    host: fc.oneof(fc.domain(), trickyText),
    port: fc.integer({ min: -1, max: 70000 }),
    tls: fc.boolean(),
    resolve: fc.record({
      host: fc.domain(),
      port: fc.integer({ min: 1, max: 65535 }),
      address: fc.ipV4(),
    }),
    connection: fc.constantFrom("spring", "a", "B_C", "missing", ""),
    auth: fc.constantFrom(...AUTH_METHODS),
    scope: fc.string(),
    authorityHost: fc.webUrl(),
  },
  { requiredKeys: [] },
);

/** Base64 text shaped like an access key; upper case or `+`/`/` keep it unlike any host name. */
export const accessKey = fc
  .base64String({ minLength: 44, maxLength: 44 })
  .filter((key) => /[A-Z+/]/.test(key));

/** Any base64 key, short or long, for round trips. */
export const anyBase64Key = fc.base64String({ minLength: 4, maxLength: 88 });
