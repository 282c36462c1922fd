// Option and parameter names are shown in warnings only when they look like names: a fragment
// of a key split at the wrong place must not end up in the output.
const OPTION_NAME = /^[$A-Za-z][\w$-]{0,39}$/;

/** Names an unrecognized option for a warning, without echoing text that may be a secret. */
export function describeOptionName(name: string): string {
  return OPTION_NAME.test(name) ? `"${name}"` : "an option whose name is not shown";
}
