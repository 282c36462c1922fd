import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  AZURE_REDIS_SUFFIXES,
  azureRedisName,
  splitAzureRedisName,
} from "../../../src/plan/azure-names.js";

describe("splitAzureRedisName", () => {
  it("reads the unnamed connection's variables, client id included", () => {
    expect(splitAzureRedisName("AZURE_REDIS_CLIENTID")).toEqual({
      connection: null,
      suffix: "CLIENTID",
    });
    expect(splitAzureRedisName("AZURE_REDIS_CONNECTIONSTRING")).toEqual({
      connection: null,
      suffix: "CONNECTIONSTRING",
    });
  });

  it("reads names that contain underscores or look like suffixes", () => {
    expect(splitAzureRedisName("AZURE_REDIS_SESSION_CACHE_HOST")).toEqual({
      connection: "SESSION_CACHE",
      suffix: "HOST",
    });
    expect(splitAzureRedisName("AZURE_REDIS_HOST_PORT")).toEqual({
      connection: "HOST",
      suffix: "PORT",
    });
    expect(splitAzureRedisName("AZURE_REDIS_CLIENT_CLIENTSECRET")).toEqual({
      connection: "CLIENT",
      suffix: "CLIENTSECRET",
    });
  });

  it("returns null for other names and unknown suffixes", () => {
    expect(splitAzureRedisName("AZURE_CLIENT_ID")).toBeNull();
    expect(splitAzureRedisName("AZURE_REDIS_HOSTNAME")).toBeNull();
    expect(splitAzureRedisName("AZURE_REDIS__HOST")).toBeNull();
  });

  it("inverts azureRedisName for any connection name", () => {
    fc.assert(
      fc.property(
        fc.option(fc.stringMatching(/^[A-Z0-9_]{1,20}$/), { nil: null }),
        fc.constantFrom(...AZURE_REDIS_SUFFIXES),
        (connection, suffix) => {
          expect(splitAzureRedisName(azureRedisName(connection, suffix))).toEqual({
            connection,
            suffix,
          });
        },
      ),
    );
  });
});
