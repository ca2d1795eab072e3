import { callerId } from '../../../lib/graphql/request-context';
import type { MutationResolvers } from '../generated/resolvers-types';

/** Thin: each unpacks its arguments and calls one service method; services validate. */
export const Mutation: MutationResolvers = {
  createProduct: (_, args, ctx) =>
    ctx.services.products.create(callerId(ctx), args.input, ctx.requestId),

  updateProduct: (_, args, ctx) =>
    ctx.services.products.update(callerId(ctx), args.id, args.input, ctx.requestId),

  archiveProduct: (_, args, ctx) =>
    ctx.services.products.archive(callerId(ctx), args.id, ctx.requestId),

  createCategory: (_, args, ctx) => ctx.services.categories.create(args.input),

  updateCategory: (_, args, ctx) => ctx.services.categories.update(args.id, args.input),
};
