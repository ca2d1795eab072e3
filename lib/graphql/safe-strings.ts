/**
 * NUL (PostgreSQL text cannot hold it) and UTF-16 surrogates without their other half (they have
 * no UTF-8 form, so a driver silently replaces them). Either is a client's mistake or a probe.
 */
const UNSAFE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `value` can be stored and compared as text as the client sent it. */
export function isSafeString(value: string): boolean {
  return !UNSAFE.test(value);
}

/**
 * The path (`input.items.0.name`) of the first unsafe string anywhere in `value` (strings,
 * arrays and plain objects, as GraphQL coerces arguments), or null when every string is safe.
 */
export function findUnsafeString(value: unknown, path: string): string | null {
  if (typeof value === 'string') return isSafeString(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnsafeString(item, `${path}.${index}`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      // The key itself is not echoed back: the path up to it is enough to find it.
      if (!isSafeString(key)) return path;
      const found = findUnsafeString(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}
