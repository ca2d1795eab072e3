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
  /**
   * Names `query` in this process: subscriptions of one document (one text, see
   * `SubscriptionDocuments`) with equal variables ask the same question. A number, not the
   * printed query: every audience keeps it in its key.
   */
  queryId: number;
  /** Response keys of the root selection's `status` fields, set to the status each event reports. */
  statusKeys: string[];
}

/** What a subscription document becomes, whatever its variables: shared by its subscriptions. */
interface OrderQuery {
  query: DocumentNode;
  queryId: number;
  statusKeys: string[];
  /**
   * Where the order id is: a variable's name, or the string literal in the document; null for
   * anything else (an Int literal), which is refused as no order id at all.
   */
  orderId: { variable: string } | { literal: string } | null;
}

const ROOT_FIELD = 'orderStatusChanged';

/**
 * The query of each subscription document, computed once: the documents themselves are shared
 * between subscriptions of the same text (see `SubscriptionDocuments`), so thousands of
 * subscribers of one query hold one query document, not one each.
 */
const orderQueries = new WeakMap<DocumentNode, OrderQuery | GraphQLError>();
let lastQueryId = 0;

/**
 * Turns a subscription to `orderStatusChanged(orderId)` into the equivalent query of
 * `order(id)` with the same selection, variables and fragments, so each change is resolved
 * through the gateway's ordinary query planning, across every subgraph the selection touches.
 */
export function planOrderSubscription(
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): OrderSubscriptionPlan {
  let order = orderQueries.get(document);
  if (!order) orderQueries.set(document, (order = orderQueryOf(document)));
  if (order instanceof GraphQLError) throw order;
  const orderId =
    order.orderId === null
      ? undefined
      : 'variable' in order.orderId
        ? variables?.[order.orderId.variable]
        : order.orderId.literal;
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
  return { orderId, query: order.query, queryId: order.queryId, statusKeys: order.statusKeys };
}

function orderQueryOf(document: DocumentNode): OrderQuery | GraphQLError {
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
    return new GraphQLError(`Subscribe to exactly one field: ${ROOT_FIELD}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const argument = field.arguments?.find((arg) => arg.name.value === 'orderId');
  const orderId =
    argument?.value.kind === Kind.VARIABLE
      ? { variable: argument.value.name.value }
      : argument?.value.kind === Kind.STRING
        ? { literal: argument.value.value }
        : null;
  const query = visit(document, {
    OperationDefinition: (node) => ({ ...node, operation: OperationTypeNode.QUERY }),
    Field: (node, _key, _parent, _path, ancestors) =>
      node === field && ancestors.length <= 4
        ? ({
            ...node,
            alias: { kind: Kind.NAME, value: ROOT_FIELD },
            name: { kind: Kind.NAME, value: 'order' },
            arguments: argument ? [{ ...argument, name: { kind: Kind.NAME, value: 'id' } }] : [],
          } satisfies FieldNode)
        : undefined,
  });
  const statusKeys = (field.selectionSet?.selections ?? [])
    .filter(
      (selection): selection is FieldNode =>
        selection.kind === Kind.FIELD && selection.name.value === 'status',
    )
    .map((selection) => selection.alias?.value ?? 'status');
  return { query, queryId: (lastQueryId += 1), statusKeys, orderId };
}
