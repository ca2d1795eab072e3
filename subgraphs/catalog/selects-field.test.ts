import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { selectsField, selectsPath } from './selects-field';

/** The resolve info of the operation's first root field, as graphql-js hands it over. */
function infoOf(source: string) {
  const document = parse(source);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode =>
          definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const field = operation.selectionSet.selections[0];
  if (field.kind !== Kind.FIELD) throw new Error('the first selection must be a field');
  return { fieldNodes: [field], fragments };
}

describe('selectsField', () => {
  it('finds a field selected directly', () => {
    expect(selectsField(infoOf('{ products { totalCount edges { cursor } } }'), 'totalCount')).toBe(
      true,
    );
  });

  it('does not find a field that is not selected, even deeper down', () => {
    const info = infoOf('{ products { edges { node { totalCount: name } } } }');
    expect(selectsField(info, 'totalCount')).toBe(false);
  });

  it('finds a field inside an inline fragment', () => {
    const info = infoOf('{ products { ... on ProductConnection { totalCount } } }');
    expect(selectsField(info, 'totalCount')).toBe(true);
  });

  it('finds a field inside a fragment spread', () => {
    const info = infoOf(
      '{ products { ...Page } } fragment Page on ProductConnection { totalCount }',
    );
    expect(selectsField(info, 'totalCount')).toBe(true);
  });
});

describe('selectsPath', () => {
  it('finds a nested field, through aliases and fragments at any step', () => {
    const info = infoOf(
      '{ products { items: edges { ... on ProductEdge { ...Node } } } } fragment Node on ProductEdge { node { category { name } } }',
    );
    expect(selectsPath(info, ['edges', 'node', 'category'])).toBe(true);
  });

  it('does not find a nested field another branch selects', () => {
    const info = infoOf(
      '{ products { edges { node { name } } pageInfo { category: endCursor } } }',
    );
    expect(selectsPath(info, ['edges', 'node', 'category'])).toBe(false);
  });
});
