import { describe, expect, it } from "vitest";

import { parseEnvFile } from "../../../src/plan/env-file.js";
import { KEY } from "./fixtures.js";

describe("parseEnvFile", () => {
  it("reads assignments, quotes, comments and export prefixes", () => {
    const text = [
      "# written by hand",
      "AZURE_REDIS_HOST=contoso.redis.cache.windows.net",
      `export AZURE_REDIS_PASSWORD="${KEY}"`,
      "AZURE_REDIS_SSL='true' # inline comment",
      "",
    ].join("\n");

    expect(parseEnvFile(text)).toEqual({
      AZURE_REDIS_HOST: "contoso.redis.cache.windows.net",
      AZURE_REDIS_PASSWORD: KEY,
      AZURE_REDIS_SSL: "true",
    });
  });

  it("keeps base64 padding and returns an empty object for empty text", () => {
    expect(parseEnvFile("K=ab+c/d==")).toEqual({ K: "ab+c/d==" });
    expect(parseEnvFile("")).toEqual({});
  });
});
