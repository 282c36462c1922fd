// Prints how long one `import()` takes in a fresh process, in milliseconds: the module's
// files read, compiled and evaluated, with everything it loads in turn.
const specifier = process.argv[2] ?? "";
const started = process.hrtime.bigint();
await import(specifier);
console.log(Number(process.hrtime.bigint() - started) / 1e6);
