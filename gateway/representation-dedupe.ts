import type { GraphQLFormattedError } from 'graphql';

/** Distinct representations, and for each original one its position among them. */
export interface DedupedRepresentations {
  unique: unknown[];
  positions: number[];
}

/**
 * The gateway's query plans send one representation per entity occurrence: a storefront page of
 * 20 products by one vendor asks users for the same `User` 20 times. Identical representations
 * (same fields in the same order, as the planner builds them) are sent once.
 */
export function dedupeRepresentations(representations: unknown[]): DedupedRepresentations {
  const seen = new Map<string, number>();
  const unique: unknown[] = [];
  const positions = representations.map((representation) => {
    const key = representationKey(representation);
    let position = seen.get(key);
    if (position === undefined) {
      position = unique.push(representation) - 1;
      seen.set(key, position);
    }
    return position;
  });
  return { unique, positions };
}

/**
 * Equal for identical representations, different otherwise. The usual `{ __typename, id }` is
 * keyed as `<typename>\n<id>`, several times cheaper than `JSON.stringify`, which keys any other
 * shape (its text never holds a raw newline, so the two kinds of key never meet).
 */
export function representationKey(representation: unknown): string {
  const { __typename: typename, id } = (representation ?? {}) as Record<string, unknown>;
  if (typeof typename === 'string' && typeof id === 'string' && !typename.includes('\n')) {
    let fields = 0;
    for (const _ in representation as object) fields += 1;
    if (fields === 2) return `${typename}\n${id}`;
  }
  return JSON.stringify(representation);
}

/**
 * The subgraph's answer to the distinct representations, spread back over the original ones:
 * `_entities` in the original order (repeats are copies, since the gateway merges into each
 * entity it receives) and each `_entities` error once per original entity it concerns.
 */
export function expandEntities<
  R extends { data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] },
>(response: R, positions: number[]): R {
  const entities = response.data?._entities;
  const data =
    response.data && Array.isArray(entities)
      ? { ...response.data, _entities: spread(entities, positions) }
      : response.data;
  const errors = response.errors?.flatMap((error) => {
    const [root, index, ...rest] = error.path ?? [];
    if (root !== '_entities' || typeof index !== 'number') return [error];
    return positions.flatMap((position, original) =>
      position === index ? [{ ...error, path: ['_entities', original, ...rest] }] : [],
    );
  });
  return { ...response, data, ...(errors ? { errors } : {}) };
}

function spread(entities: unknown[], positions: number[]): unknown[] {
  const used = new Set<number>();
  return positions.map((position) => {
    const entity = entities[position];
    if (!used.has(position)) {
      used.add(position);
      return entity;
    }
    return copyJson(entity);
  });
}

/**
 * A deep copy of parsed JSON (plain objects, arrays, primitives): what `structuredClone` would
 * give for it, at a fraction of the cost (a page of 100 products by 3 vendors copies 97 users).
 */
export function copyJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) copy[key] = copyJson(source[key]);
  return copy;
}
