import { gql } from '@apollo/client';

/**
 * Fragments shared by more than one operation module. They live apart from the operations
 * because a document holding only a fragment is not an operation (test/web/operations.test.ts
 * validates every operation module's exports as whole documents).
 */
export const CATEGORY_SUMMARY = gql`
  fragment CategorySummary on Category {
    id
    name
    slug
    parent {
      id
    }
  }
`;
