import { callerId } from '../../../lib/graphql/request-context';
import type { CatalogContext } from '../context';
import type { MutationResolvers } from '../generated/resolvers-types';
import type { ActingVendor } from '../services/user-names';

/** The signed-in caller as the vendor of the product it changes, with its token's name. */
const actingVendor = (ctx: CatalogContext): ActingVendor => ({
  id: callerId(ctx),
  displayName: ctx.caller.displayName,
  displayNameAt: ctx.caller.displayNameAt,
});

/** Thin: each unpacks its arguments and calls one service method; services validate. */
export const Mutation: MutationResolvers = {
  createProduct: (_, args, ctx) =>
    ctx.services.products.create(actingVendor(ctx), args.input, ctx.requestId),

  updateProduct: (_, args, ctx) =>
    ctx.services.products.update(actingVendor(ctx), args.id, args.input, ctx.requestId),

  archiveProduct: (_, args, ctx) =>
    ctx.services.products.archive(actingVendor(ctx), args.id, ctx.requestId),

  createCategory: (_, args, ctx) => ctx.services.categories.create(args.input),

  updateCategory: (_, args, ctx) => ctx.services.categories.update(args.id, args.input),
};
