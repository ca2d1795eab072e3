import { gql, type TypedDocumentNode } from '@apollo/client';
import type { CategorySummary, Money, PageInfo, ProductSort, ProductSummary, User } from './types';

const PRODUCT_SUMMARY = `id name status price { amount currency }
  vendor { id displayName } category { id name }`;

export interface ProductFilter {
  search?: string;
  categoryId?: string;
  vendorId?: string;
  minPrice?: number;
  maxPrice?: number;
}

/** The storefront screen in one round trip: a page of products and the category tree. */
export const STOREFRONT: TypedDocumentNode<
  {
    products: {
      totalCount: number;
      pageInfo: PageInfo;
      edges: Array<{ cursor: string; node: ProductSummary }>;
    };
    categories: CategorySummary[];
  },
  { first: number; after?: string | null; filter: ProductFilter; sort: ProductSort }
> = gql`
  query Storefront($first: Int!, $after: String, $filter: ProductFilter, $sort: ProductSort) {
    products(first: $first, after: $after, filter: $filter, sort: $sort) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ${PRODUCT_SUMMARY} } }
    }
    categories { id name slug parent { id } }
  }
`;

/** The product page in one round trip: the product, its vendor, category and availability. */
export const PRODUCT: TypedDocumentNode<
  {
    product:
      | (ProductSummary & {
          description: string | null;
          stock: { available: number; lowStock: boolean };
        })
      | null;
  },
  { id: string }
> = gql`
  query Product($id: ID!) {
    product(id: $id) {
      ${PRODUCT_SUMMARY}
      description
      stock { available lowStock }
    }
  }
`;

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: User;
}

const AUTH_FIELDS =
  'accessToken refreshToken expiresIn user { id email displayName role emailVerified }';

export const LOGIN: TypedDocumentNode<
  { login: AuthPayload },
  { input: { login: string; password: string } }
> = gql`
  mutation Login($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} } }
`;

/** Sent with plain fetch by the session keeper (it must not wait behind the link it feeds). */
export const REFRESH_TOKEN_QUERY = `mutation Refresh($token: String!) {
  refreshToken(refreshToken: $token) { ${AUTH_FIELDS} }
}`;

export const LOGOUT_QUERY = 'mutation Logout($token: String!) { logout(refreshToken: $token) }';

export const REGISTER: TypedDocumentNode<
  { register: { id: string; email: string } },
  {
    input: {
      email: string;
      password: string;
      displayName: string;
      role: 'CUSTOMER' | 'VENDOR';
      phone?: string;
    };
  }
> = gql`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      id
      email
    }
  }
`;

export const VERIFY_EMAIL: TypedDocumentNode<
  { verifyEmail: { id: string; email: string } },
  { token: string }
> = gql`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      id
      email
    }
  }
`;

export const RESET_PASSWORD: TypedDocumentNode<
  { resetPassword: boolean },
  { token: string; newPassword: string }
> = gql`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword)
  }
`;

export type { Money };
