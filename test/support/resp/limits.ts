// Redis's own ceilings (inline request size, multibulk length, bulk length): a client that
// passes these is refused by the server anyway, so the reader stops following it there.
export const maxLineBytes = 64 * 1024;
export const maxArrayLength = 1024 * 1024;
export const maxBulkBytes = 512 * 1024 * 1024;

// What is kept in memory: command names are short, and an Entra token is a few kilobytes.
export const maxNameBytes = 64;
export const maxKeptArgBytes = 16 * 1024;
export const maxKeptArgs = 8;

/** A decimal count in [0, max], or undefined for anything else (signs, blanks, overflows). */
export function countWithin(text: string, max: number): number | undefined {
  if (!/^\d{1,10}$/.test(text)) {
    return undefined;
  }

  const value = Number(text);
  return value <= max ? value : undefined;
}
