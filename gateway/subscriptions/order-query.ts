import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  visit,
  type DocumentNode,
  type FieldNode,
  type OperationDefinitionNode,
} from 'graphql';
import { isSafeString } from '../../lib/graphql/safe-strings';

/** How one `orderStatusChanged` subscription is answered: the query it becomes, for which order. */
export interface OrderSubscriptionPlan {
  orderId: string;
  /** `query { orderStatusChanged: order(id: …) { <the subscriber's selection> } }` */
  query: DocumentNode;
  /** Response keys of the root selection's `status` fields, set to the status each event reports. */
  statusKeys: string[];
}

const ROOT_FIELD = 'orderStatusChanged';

/**
 * Turns a subscription to `orderStatusChanged(orderId)` into the equivalent query of
 * `order(id)` with the same selection, variables and fragments, so each change is resolved
 * through the gateway's ordinary query planning, across every subgraph the selection touches.
 */
export function planOrderSubscription(
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): OrderSubscriptionPlan {
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
  const root = operation?.selectionSet.selections;
  const field = root?.length === 1 && root[0].kind === Kind.FIELD ? root[0] : null;
  if (
    !operation ||
    operation.operation !== OperationTypeNode.SUBSCRIPTION ||
    field?.name.value !== ROOT_FIELD
  ) {
    throw new GraphQLError(`Subscribe to exactly one field: ${ROOT_FIELD}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const argument = field.arguments?.find((arg) => arg.name.value === 'orderId');
  const orderId =
    argument?.value.kind === Kind.VARIABLE
      ? variables?.[argument.value.name.value]
      : argument?.value.kind === Kind.STRING
        ? argument.value.value
        : undefined;
  if (typeof orderId !== 'string') {
    throw new GraphQLError('orderId is required', {
      extensions: { code: 'BAD_USER_INPUT', field: 'orderId' },
    });
  }
  if (!isSafeString(orderId)) {
    throw new GraphQLError('orderId: NUL characters and unpaired surrogates are not allowed', {
      extensions: { code: 'BAD_USER_INPUT', field: 'orderId' },
    });
  }
  const query = visit(document, {
    OperationDefinition: (node) => ({ ...node, operation: OperationTypeNode.QUERY }),
    Field: (node, _key, _parent, _path, ancestors) =>
      node === field && ancestors.length <= 4
        ? ({
            ...node,
            alias: { kind: Kind.NAME, value: ROOT_FIELD },
            name: { kind: Kind.NAME, value: 'order' },
            arguments: [{ ...argument!, name: { kind: Kind.NAME, value: 'id' } }],
          } satisfies FieldNode)
        : undefined,
  });
  const statusKeys = (field.selectionSet?.selections ?? [])
    .filter(
      (selection): selection is FieldNode =>
        selection.kind === Kind.FIELD && selection.name.value === 'status',
    )
    .map((selection) => selection.alias?.value ?? 'status');
  return { orderId, query, statusKeys };
}
