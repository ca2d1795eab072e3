import { useMutation } from '@apollo/client/react';
import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { apiErrors, type ApiErrors } from '../errors';

/**
 * A dashboard mutation: refetches the screen's queries when it succeeds (figures and stock
 * depend on each other across subgraphs), and gives its errors split by field.
 */
export function useAction<Data, Variables extends OperationVariables>(
  document: TypedDocumentNode<Data, Variables>,
) {
  const [mutate, state] = useMutation(document, {
    refetchQueries: 'active',
    awaitRefetchQueries: true,
  });
  const errors: ApiErrors = apiErrors(state.error);
  const run = async (variables: Variables): Promise<Data | undefined> => {
    // Apollo's tuple type for optional-or-required variables does not resolve for a generic
    // Variables; every caller passes all of them.
    const call = mutate as (options: { variables: Variables }) => ReturnType<typeof mutate>;
    const result = await call({ variables }).catch(() => undefined);
    return result?.data ?? undefined;
  };
  return { run, errors, loading: state.loading, reset: state.reset };
}
