import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';

/** What the API said, in words: errors naming a field (`extensions.field`) and the rest. */
export interface ApiErrors {
  byField: Record<string, string>;
  general: string[];
}

export const NO_ERRORS: ApiErrors = { byField: {}, general: [] };

/** Splits an Apollo error into messages per field and general ones; every error is kept. */
export function apiErrors(error: unknown): ApiErrors {
  if (!error) return NO_ERRORS;
  if (CombinedGraphQLErrors.is(error)) {
    const result: ApiErrors = { byField: {}, general: [] };
    for (const graphQLError of error.errors) {
      const field = graphQLError.extensions?.field;
      if (typeof field === 'string') {
        result.byField[field] = result.byField[field]
          ? `${result.byField[field]}; ${graphQLError.message}`
          : graphQLError.message;
      } else {
        result.general.push(graphQLError.message);
      }
    }
    return result;
  }
  if (ServerError.is(error) || ServerParseError.is(error)) {
    return { byField: {}, general: [`The server could not answer (${error.statusCode}).`] };
  }
  return {
    byField: {},
    general: [error instanceof Error ? error.message : 'Something went wrong.'],
  };
}

/** The API's message for one field (its `extensions.field`, e.g. `input.email`). */
export function fieldError(errors: ApiErrors, field: string): string | undefined {
  return errors.byField[field];
}

/** The first message among several names of one input (e.g. `input.price`, `input.price.amount`). */
export function anyFieldError(errors: ApiErrors, fields: string[]): string | undefined {
  return fields.map((field) => errors.byField[field]).find(Boolean);
}
