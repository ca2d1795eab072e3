import { allow, and, rule } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { emailNotVerified, isAdmin, isAuthenticated, isVendor } from '../../lib/graphql/rules';
import type { CatalogContext } from './context';

const isSignedInAdmin = and(isAuthenticated, isAdmin);

/**
 * Putting a product on sale (`status: ACTIVE`, on create or update) needs a verified email
 * address; drafts do not, so a vendor can prepare the shop while the confirmation email travels.
 */
const publishesOnlyWhenVerified = rule({ cache: 'strict' })(
  (_parent, args: { input?: { status?: unknown } | null }, ctx: CatalogContext) =>
    args.input?.status !== 'ACTIVE' ||
    ctx.caller.emailVerified ||
    emailNotVerified('put products on sale'),
);

/**
 * Who may read and call what in the catalog subgraph; anything unlisted is denied. Product
 * fields are open because visibility is decided when products are fetched: every path to a
 * product (product, products, User.products, _entities) leaves out DRAFT and ARCHIVED ones the
 * caller does not own. Ownership of a product is checked by the service that changes it.
 */
export const catalogPermissions: IRules = {
  Query: { product: allow, products: allow, categories: allow },
  Mutation: {
    createProduct: and(isVendor, publishesOnlyWhenVerified),
    updateProduct: and(isVendor, publishesOnlyWhenVerified),
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
  User: { id: allow, displayName: allow, products: allow },
};
