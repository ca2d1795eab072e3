import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

type Info = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/**
 * Whether the field being resolved selects `name` among its own fields, directly or through
 * inline fragments and fragment spreads. `@skip`/`@include` are not evaluated: a conditional
 * selection counts as selected, which only costs the work it would have cost anyway.
 */
export function selectsField(info: Info, name: string): boolean {
  return selectsPath(info, [name]);
}

/**
 * Whether the field being resolved selects the nested field `path` (`['edges', 'node',
 * 'category']`), each step as {@link selectsField} finds it (aliases and fragments included).
 */
export function selectsPath(info: Info, path: readonly string[]): boolean {
  let fields: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) {
    fields = fields.flatMap((field) => fieldsNamed(info, field.selectionSet, name));
    if (!fields.length) return false;
  }
  return true;
}

function fieldsNamed(info: Info, set: SelectionSetNode | undefined, name: string): FieldNode[] {
  if (!set) return [];
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === name ? [selection] : [];
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      return fieldsNamed(info, selection.selectionSet, name);
    }
    return fieldsNamed(info, info.fragments[selection.name.value]?.selectionSet, name);
  });
}
