import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  BREAK,
  getArgumentValues,
  getVariableValues,
  GraphQLError,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { findUnsafeString, isSafeString } from './safe-strings';

/** Where an unsafe string was found: the argument path and the response path of its field. */
export interface UnsafeArgument {
  /** The argument path, e.g. `input.displayName` or `filter.search`. */
  field: string;
  /** Response keys (aliases) down to the field that takes the argument. */
  path: string[];
}

/**
 * The first argument of `operation` (inline literal or variable, at any depth of input objects
 * and lists) holding a string PostgreSQL cannot store or compare. Arguments are read after
 * coercion, as resolvers will see them. Null when all is well, and when the variables do not
 * coerce at all: execution reports that itself.
 */
export function findUnsafeArgument(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): UnsafeArgument | null {
  // Coercion only passes on strings the client sent (variables, literals and their defaults), so
  // when none of those is unsafe there is nothing to find: almost every request ends here,
  // without the walk over the operation with its types below.
  if (!findUnsafeString(variables, '') && !hasUnsafeLiteral(document)) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return null;
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  let found: UnsafeArgument | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      // Only the operation that runs (and the fragments it may spread) is checked.
      OperationDefinition: (node) => (node === operation ? undefined : false),
      Field: {
        enter(node) {
          path.push(node.alias?.value ?? node.name.value);
          const definition = typeInfo.getFieldDef();
          if (!definition || !node.arguments?.length) return undefined;
          let args: Record<string, unknown>;
          try {
            args = getArgumentValues(definition, node, coerced.coerced);
          } catch {
            // A missing or mistyped argument: execution reports it with its own message.
            return undefined;
          }
          for (const [name, value] of Object.entries(args)) {
            const field = findUnsafeString(value, name);
            if (field) {
              found = { field, path: [...path] };
              return BREAK;
            }
          }
          return undefined;
        },
        leave() {
          path.pop();
        },
      },
    }),
  );
  return found;
}

/** Whether any string literal of `document` is unsafe; remembered per parsed document. */
const literalsChecked = new WeakMap<DocumentNode, boolean>();

function hasUnsafeLiteral(document: DocumentNode): boolean {
  let unsafe = literalsChecked.get(document);
  if (unsafe === undefined) {
    unsafe = false;
    visit(document, {
      StringValue(node) {
        if (isSafeString(node.value)) return undefined;
        unsafe = true;
        return BREAK;
      },
    });
    literalsChecked.set(document, unsafe);
  }
  return unsafe;
}

/**
 * Refuses, before anything runs, an operation with a NUL byte or an unpaired surrogate in any
 * string argument: `BAD_USER_INPUT` naming the argument (`field`), instead of a PostgreSQL error
 * surfacing as `INTERNAL_SERVER_ERROR` from whichever resolver stores or searches it.
 *
 * `httpStatus` is 400 at the gateway (a request error, like a variable of the wrong type). The
 * subgraphs answer 200 with the error, because the gateway relays a subgraph's GraphQL errors
 * as they are only from a 2xx response.
 */
export function safeStringArgumentsPlugin<Context extends BaseContext>(
  httpStatus: number,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const unsafe = findUnsafeArgument(schema, document, operation, request.variables ?? {});
          if (!unsafe) return;
          throw new GraphQLError(
            `${unsafe.field}: NUL characters and unpaired surrogates are not allowed`,
            {
              path: unsafe.path,
              extensions: {
                code: 'BAD_USER_INPUT',
                field: unsafe.field,
                http: { status: httpStatus },
              },
            },
          );
        },
      };
    },
  };
}
