import { allow, and } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { isAdmin, isAuthenticated, isVendor } from '../../lib/graphql/rules';

const isSignedInAdmin = and(isAuthenticated, isAdmin);

/**
 * Who may read and call what in the catalog subgraph; anything unlisted is denied. Product
 * fields are open because visibility is decided when products are fetched: every path to a
 * product (product, products, User.products, _entities) leaves out DRAFT and ARCHIVED ones the
 * caller does not own. Ownership of a product is checked by the service that changes it.
 */
export const catalogPermissions: IRules = {
  Query: { product: allow, products: allow, categories: allow },
  Mutation: {
    createProduct: isVendor,
    updateProduct: isVendor,
    archiveProduct: isVendor,
    createCategory: isSignedInAdmin,
    updateCategory: isSignedInAdmin,
  },
  Product: allow,
  Category: allow,
  Money: allow,
  ProductConnection: allow,
  ProductEdge: allow,
  PageInfo: allow,
  User: { id: allow, products: allow },
};
