import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  CategoriesQuery,
  CategoriesQueryVariables,
  CreateCategoryMutation,
  CreateCategoryMutationVariables,
  UpdateCategoryMutation,
  UpdateCategoryMutationVariables,
} from '../generated/graphql';

/** The admin's operations: the category tree. */
export const CREATE_CATEGORY: TypedDocumentNode<
  CreateCategoryMutation,
  CreateCategoryMutationVariables
> = gql`
  mutation CreateCategory($input: CreateCategoryInput!) {
    createCategory(input: $input) {
      id
      name
      slug
      parent {
        id
      }
    }
  }
`;

export const UPDATE_CATEGORY: TypedDocumentNode<
  UpdateCategoryMutation,
  UpdateCategoryMutationVariables
> = gql`
  mutation UpdateCategory($id: ID!, $input: UpdateCategoryInput!) {
    updateCategory(id: $id, input: $input) {
      id
      name
      slug
      parent {
        id
      }
    }
  }
`;

export const CATEGORIES: TypedDocumentNode<CategoriesQuery, CategoriesQueryVariables> = gql`
  query Categories {
    categories {
      id
      name
      slug
      parent {
        id
      }
    }
  }
`;
