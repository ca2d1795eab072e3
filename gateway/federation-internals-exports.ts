/**
 * Imported by gateway/main.ts before `@apollo/gateway`. `@apollo/federation-internals` re-exports
 * its modules through TypeScript's `export *`, which in CommonJS is a getter per name on its
 * `exports`; the gateway's per-request result shaping reads those names in its inner loops
 * (`federation_internals_1.isCompositeType(…)` per field of every entity), and V8 calls the
 * getter each time: about 5% of the gateway's CPU at a storefront page of 100 products.
 *
 * Every name of the package is assigned once while its modules load (none is reassigned later), so
 * the same values as plain properties are the same API: the module cache is given that plain
 * copy, and every later `require` (the gateway's, the query planner's) reads values, not getters.
 */
const id = require.resolve('@apollo/federation-internals');
const loaded = require(id) as Record<string, unknown>;
const cached = require.cache[id];
if (cached && cached.exports === loaded) {
  cached.exports = Object.assign(Object.defineProperty({}, '__esModule', { value: true }), loaded);
}
