import type { Plugin } from "esbuild";

export interface Deferral {
  /** The package whose imports of `module` are deferred. */
  from: string;
  /** What it imports: a Node built-in (`node:child_process`) or a bundled package. */
  module: string;
}

const namespace = "deferred";

// A function as the target, so that a module which is itself a function (node:assert) can
// still be called through its stand-in.
function standIn(module: string): string {
  const load = `() => require(${JSON.stringify(module)})`;
  return `const load = ${load};
module.exports = new Proxy(function () {}, {
  get: (_, key) => load()[key],
  apply: (_, self, args) => Reflect.apply(load(), self, args),
  construct: (_, args) => Reflect.construct(load(), args),
});
`;
}

/**
 * Hands a package a stand-in for one of its imports, which loads the real module the first
 * time a property of it is read. A bundled package sits behind esbuild's CommonJS wrapper,
 * which runs only when first required, so all of its start-up work waits; a built-in is
 * required through Node at that moment instead of when the package loads.
 */
export function deferRequire(deferrals: readonly Deferral[]): Plugin {
  return {
    name: "defer-require",
    setup(build) {
      for (const { from, module } of deferrals) {
        const name = module.replace(/^node:/, "").replace(/[/.]/g, "\\$&");

        build.onResolve({ filter: new RegExp(`^(node:)?${name}$`) }, (args) => {
          if (!args.importer.includes(`/node_modules/${from}/`)) return undefined;

          return { path: module, namespace, pluginData: args.resolveDir };
        });
      }
      build.onLoad({ filter: /.*/, namespace }, (args) => ({
        contents: standIn(args.path),
        // The real module is resolved from where the package imported it.
        resolveDir: args.pluginData as string,
        loader: "js",
      }));
    },
  };
}
