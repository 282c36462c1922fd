/** The few text effects the human output uses; all identity functions when colour is off. */
export interface Style {
  ok: (text: string) => string;
  bad: (text: string) => string;
  warn: (text: string) => string;
  dim: (text: string) => string;
  bold: (text: string) => string;
}

const same = (text: string): string => text;

/** The style of a pipe, a log or CI: every effect leaves the text as it is. */
export const plainStyle: Style = { ok: same, bad: same, warn: same, dim: same, bold: same };

/**
 * The style for this output: colour only when asked for. chalk is imported only then, so a
 * run into a pipe, in CI or with --json never loads it.
 */
export async function loadStyle(colour: boolean): Promise<Style> {
  if (!colour) return plainStyle;

  const { Chalk } = await import("chalk");
  const chalk = new Chalk({ level: 1 });
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
