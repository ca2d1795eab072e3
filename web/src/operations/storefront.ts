import { gql, type TypedDocumentNode } from '@apollo/client';
import { print } from 'graphql';
import type {
  AuthPayloadFragment,
  LoginMutation,
  LoginMutationVariables,
  ProductQuery,
  ProductQueryVariables,
  RegisterMutation,
  RegisterMutationVariables,
  ResetPasswordMutation,
  ResetPasswordMutationVariables,
  StorefrontQuery,
  StorefrontQueryVariables,
  VerifyEmailMutation,
  VerifyEmailMutationVariables,
} from '../generated/graphql';
import { CATEGORY_SUMMARY } from './fragments';

const PRODUCT_SUMMARY = gql`
  fragment ProductSummary on Product {
    id
    name
    status
    price {
      amount
      currency
    }
    vendor {
      id
      displayName
    }
    category {
      id
      name
    }
  }
`;

/** The storefront screen in one round trip: a page of products and the category tree. */
export const STOREFRONT: TypedDocumentNode<StorefrontQuery, StorefrontQueryVariables> = gql`
  query Storefront($first: Int!, $after: String, $filter: ProductFilter, $sort: ProductSort) {
    products(first: $first, after: $after, filter: $filter, sort: $sort) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...ProductSummary
        }
      }
    }
    categories {
      ...CategorySummary
    }
  }
  ${PRODUCT_SUMMARY}
  ${CATEGORY_SUMMARY}
`;

/** The product page in one round trip: the product, its vendor, category and availability. */
export const PRODUCT: TypedDocumentNode<ProductQuery, ProductQueryVariables> = gql`
  query Product($id: ID!) {
    product(id: $id) {
      ...ProductSummary
      description
      stock {
        available
        lowStock
      }
    }
  }
  ${PRODUCT_SUMMARY}
`;

const AUTH_PAYLOAD = gql`
  fragment AuthPayload on AuthPayload {
    accessToken
    refreshToken
    expiresIn
    user {
      id
      email
      displayName
      role
      emailVerified
    }
  }
`;

export const LOGIN: TypedDocumentNode<LoginMutation, LoginMutationVariables> = gql`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      ...AuthPayload
    }
  }
  ${AUTH_PAYLOAD}
`;

/** What login and refresh both answer: the session's tokens and its user. */
export type AuthPayload = AuthPayloadFragment;

/** Sent with plain fetch by the session keeper (it must not wait behind the link it feeds). */
export const REFRESH_TOKEN_QUERY = print(gql`
  mutation Refresh($token: String!) {
    refreshToken(refreshToken: $token) {
      ...AuthPayload
    }
  }
  ${AUTH_PAYLOAD}
`);

export const LOGOUT_QUERY = 'mutation Logout($token: String!) { logout(refreshToken: $token) }';

export const REGISTER: TypedDocumentNode<RegisterMutation, RegisterMutationVariables> = gql`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      id
      email
    }
  }
`;

export const VERIFY_EMAIL: TypedDocumentNode<VerifyEmailMutation, VerifyEmailMutationVariables> =
  gql`
    mutation VerifyEmail($token: String!) {
      verifyEmail(token: $token) {
        id
        email
      }
    }
  `;

export const RESET_PASSWORD: TypedDocumentNode<
  ResetPasswordMutation,
  ResetPasswordMutationVariables
> = gql`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword)
  }
`;
