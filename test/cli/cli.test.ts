import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startSilentServer, type FaultServer } from "../support/fault-servers.js";
import { cacheHostName } from "../support/redis-server.js";
import {
  baseEnv,
  expectNoSecrets,
  runBuilt,
  runInProcess,
  type CliResult,
} from "../support/run-cli.js";
import { startTestWorld, type TestWorld } from "../support/test-world.js";

const packageVersion = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;

// eslint-disable-next-line no-control-regex
const ansiEscape = /\u001b\[/;

let world: TestWorld;
let silent: FaultServer;
let scratch: string;

beforeAll(async () => {
  world = await startTestWorld();
  silent = await startSilentServer();
  scratch = mkdtempSync(join(tmpdir(), "rcc-cli-"));
});

afterAll(async () => {
  await Promise.all([world?.stop(), silent?.stop()]);
  rmSync(scratch, { recursive: true, force: true });
});

function secrets(): string[] {
  return [world.accessKey, world.users.reader.password, "Wrong+Key/Xyz987=="];
}

function uri(key = world.accessKey): string {
  return `rediss://:${key}@${cacheHostName}:${world.redis.port}/0`;
}

function localFlags(): string[] {
  const resolve = `${cacheHostName}:${world.redis.port}:127.0.0.1`;
  return ["--resolve", resolve, "--ca-file", world.ca.certPath];
}

async function cli(argv: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const result = await runBuilt(argv, baseEnv(env));
  expectNoSecrets(result, secrets());
  return result;
}

describe("the built command", () => {
  it("prints its version and help, exit 0", async () => {
    const version = await cli(["--version"]);
    const help = await cli(["--help"]);

    expect(version).toMatchObject({ code: 0, stdout: `${packageVersion}\n` });
    expect(help.code).toBe(0);
    for (const flag of ["--json", "--explain", "--resolve", "--read-only", "--env-file"]) {
      expect(help.stdout).toContain(flag);
    }
  });

  it("rejects an unknown flag with commander's message and exit 2", async () => {
    const result = await cli(["--no-such-flag"]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--no-such-flag'");
    expect(result.stdout).toBe("");
  });

  it("names the variables it looked for when nothing is set, exit 2", async () => {
    const result = await cli([]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("AZURE_REDIS_CONNECTIONSTRING");
    expect(result.stderr).toContain("AZURE_REDIS_HOST");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 on an unparseable setting without sending a packet", async () => {
    const env = {
      AZURE_REDIS_CONNECTIONSTRING: `127.0.0.1:${silent.port},password=${world.accessKey},ssl=maybe`,
    };

    const human = await cli([], env);
    const json = await cli(["--json"], env);

    expect(human.code).toBe(2);
    expect(human.stderr).toMatch(/ssl/i);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, exitCode: 2, phases: [] });
    expect(silent.accepted()).toBe(0);
  });

  it("explains the plan with secrets as *** and touches no network", async () => {
    const env = {
      AZURE_REDIS_CONNECTIONSTRING: `${cacheHostName}:${silent.port},password=${world.accessKey},ssl=True`,
    };

    const human = await cli(["--explain"], env);
    const json = await cli(["--explain", "--json"], env);

    expect(human.code).toBe(0);
    expect(human.stdout).toContain("password=***");
    const plan = JSON.parse(json.stdout) as { auth: { method: string; password: string } };
    expect(plan.auth).toMatchObject({ method: "connection-string", password: "***" });
    expect(silent.accepted()).toBe(0);
  });

  it("prints exactly one JSON object on stdout and nothing on stderr for a passing run", async () => {
    const result = await cli(["--json", ...localFlags()], { AZURE_REDIS_CONNECTIONSTRING: uri() });

    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(["ok", "exitCode", "auth", "target", "phases", "failure", "warnings"]),
    );
    expect(report).toMatchObject({
      ok: true,
      exitCode: 0,
      failure: null,
      auth: { method: "connection-string", username: null },
      target: { host: cacheHostName, port: world.redis.port, tls: true, database: 0 },
    });
  });

  it("prints a verdict with one line per phase and no colour into a pipe", async () => {
    const result = await cli(localFlags(), { AZURE_REDIS_CONNECTIONSTRING: uri() });

    expect(result.code).toBe(0);
    for (const phase of ["tcp", "tls", "auth", "ping", "set", "get", "del"]) {
      expect(result.stdout).toMatch(new RegExp(`✓ ${phase}\\s+\\d+(\\.\\d+)? ms`));
    }
    expect(result.stdout).toContain("PASS");
    expect(result.stdout).not.toMatch(ansiEscape);
  });

  it("says what to change for a wrong key, also in --verbose, without the key", async () => {
    const env = { AZURE_REDIS_CONNECTIONSTRING: uri("Wrong+Key/Xyz987==") };

    const result = await cli([...localFlags(), "--verbose"], env);

    expect(result.code).toBe(6);
    expect(result.stdout).toContain("FAIL");
    expect(result.stdout).toContain("access key");
    expect(result.stdout).toContain("docs/troubleshooting.md#wrongpass");
  });

  it("reads settings from --env-file and --spring-properties", async () => {
    const envFile = join(scratch, "app.env");
    const properties = join(scratch, "application.properties");
    writeFileSync(envFile, `AZURE_REDIS_CONNECTIONSTRING="${uri()}"\n`);
    writeFileSync(
      properties,
      [
        `spring.data.redis.host=${cacheHostName}`,
        `spring.data.redis.port=${world.redis.port}`,
        `spring.data.redis.password=${world.accessKey}`,
        "spring.data.redis.ssl.enabled=true",
      ].join("\n"),
    );

    const fromEnvFile = await cli(["--env-file", envFile, ...localFlags()]);
    const fromSpring = await cli(["--spring-properties", properties, ...localFlags()]);

    expect(fromEnvFile.code).toBe(0);
    expect(fromSpring.code).toBe(0);
  });

  it("exits 2 naming the flag when a settings file is missing", async () => {
    // In process: some Node 20 releases read a script's own --env-file argument themselves
    // and exit 9 before the tool runs when the file is missing (nodejs/node#54232).
    const missing = join(scratch, "absent.env");
    const envFile = await runInProcess(["--env-file", missing], baseEnv());
    const spring = await cli(["--spring-properties", join(scratch, "absent.properties")]);

    expect(envFile.code).toBe(2);
    expect(envFile.stderr).toContain(`--env-file ${missing}: cannot read the file`);
    expect(spring.code).toBe(2);
    expect(spring.stderr).toContain("--spring-properties");
  });

  it("trusts a CA named by NODE_EXTRA_CA_CERTS", async () => {
    const resolve = `${cacheHostName}:${world.redis.port}:127.0.0.1`;
    const env = { AZURE_REDIS_CONNECTIONSTRING: uri(), NODE_EXTRA_CA_CERTS: world.ca.certPath };

    const result = await cli(["--resolve", resolve], env);

    expect(result.code).toBe(0);
  });
});
