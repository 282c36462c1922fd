const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

/**
 * Decodes `%XX` escapes and leaves everything else alone: a `+` stays a `+` (it is base64,
 * not a space), and a run of escapes that is not valid UTF-8 is kept as written rather than
 * rejected, since a raw password may contain a `%` of its own.
 */
export function decodePercentEscapes(text: string): string {
  return text.replace(ESCAPE_RUN, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}
