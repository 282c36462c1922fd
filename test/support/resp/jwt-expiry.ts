/**
 * When a JWT password expires, in milliseconds since the epoch, read from its `exp` claim
 * (seconds); `undefined` for a password that is not a JWT with a numeric `exp`, such as an
 * access key. The signature is not checked: like the server it stands in for, the proxy only
 * needs the time, and redis-server itself decides whether the password is right.
 *
 * Deliberately separate from the code under test that reads claims, so a mistake there cannot
 * hide itself by being repeated here.
 */
export function jwtExpiryMs(password: string): number | undefined {
  const segments = password.split(".");
  const payload = segments[1];
  if (segments.length !== 3 || payload === undefined || !/^[\w-]+$/.test(payload)) {
    return undefined;
  }

  const exp = parseJsonObject(Buffer.from(payload, "base64url").toString("utf8"))?.exp;
  return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : undefined;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
