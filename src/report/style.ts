import { Chalk, type ChalkInstance } from "chalk";

/** The few text effects the human output uses; all identity functions when colour is off. */
export interface Style {
  ok: (text: string) => string;
  bad: (text: string) => string;
  warn: (text: string) => string;
  dim: (text: string) => string;
  bold: (text: string) => string;
}

export function createStyle(colour: boolean): Style {
  const chalk: ChalkInstance = new Chalk({ level: colour ? 1 : 0 });
  return {
    ok: (t) => chalk.green(t),
    bad: (t) => chalk.red(t),
    warn: (t) => chalk.yellow(t),
    dim: (t) => chalk.dim(t),
    bold: (t) => chalk.bold(t),
  };
}

/**
 * Colour and spinners only for a person at a terminal: never for a pipe, never in CI, never
 * with NO_COLOR (any value, per no-color.org) or TERM=dumb, never with --json.
 */
export function wantsDecoration(
  env: Readonly<Record<string, string | undefined>>,
  isTty: boolean,
  json: boolean,
): boolean {
  if (json || !isTty) return false;
  if (env.NO_COLOR !== undefined || env.TERM === "dumb") return false;

  return !env.CI;
}
