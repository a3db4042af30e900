/**
 * `server-only` guards the server reads against client bundles; outside Next nothing sets the
 * react-server condition, so CLIs resolve that one package with it. Import this first.
 */
import { registerHooks } from "node:module";

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier !== "server-only") return nextResolve(specifier, context);
    return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  },
});
