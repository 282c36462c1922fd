import { readFile } from "node:fs/promises";

import { ConfigError } from "../plan/config-error.js";
import { parseSpringProperties } from "../plan/spring.js";
import type { CliOptions } from "./program.js";

export interface FileInputs {
  envFile?: Record<string, string>;
  springProperties?: Record<string, string>;
  extraCa: string[];
}

async function readNamedFile(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code ?? "unreadable";
    throw new ConfigError(`${flag} ${path}: cannot read the file (${code}).`);
  }
}

function requirePem(text: string, path: string): string {
  if (!text.includes("-----BEGIN CERTIFICATE-----")) {
    throw new ConfigError(`--ca-file ${path}: no PEM certificate in the file.`);
  }
  return text;
}

/**
 * Reads the files the flags name. The plan stays pure by receiving their contents; a
 * missing or unreadable file is a configuration error, never a crash.
 */
export async function readFileInputs(options: CliOptions): Promise<FileInputs> {
  const inputs: FileInputs = { extraCa: [] };

  if (options.envFile) {
    const text = await readNamedFile(options.envFile, "--env-file");
    // dotenv brings node:crypto and node:os along; only a run with --env-file loads them.
    const { parseEnvFile } = await import("../plan/env-file.js");
    inputs.envFile = parseEnvFile(text);
  }
  if (options.springProperties) {
    const text = await readNamedFile(options.springProperties, "--spring-properties");
    inputs.springProperties = parseSpringProperties(text);
  }
  if (options.caFile) {
    inputs.extraCa.push(
      requirePem(await readNamedFile(options.caFile, "--ca-file"), options.caFile),
    );
  }
  return inputs;
}

/**
 * With --ca-file, Node would drop NODE_EXTRA_CA_CERTS along with its default store, so the
 * file it names is read here and kept in the trusted set.
 */
export async function readNodeExtraCa(
  env: Readonly<Record<string, string | undefined>>,
): Promise<string[]> {
  const path = env.NODE_EXTRA_CA_CERTS;
  if (!path) return [];

  try {
    return [await readFile(path, "utf8")];
  } catch {
    return [];
  }
}
