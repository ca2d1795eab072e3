import { callerId } from '../../../lib/graphql/request-context';
import type { CatalogContext } from '../context';

/** Thin: each unpacks its arguments and calls one service method; services validate. */
export const Mutation = {
  createProduct: (_: unknown, args: { input: unknown }, ctx: CatalogContext) =>
    ctx.services.products.create(callerId(ctx), args.input, ctx.requestId),

  updateProduct: (_: unknown, args: { id: unknown; input: unknown }, ctx: CatalogContext) =>
    ctx.services.products.update(callerId(ctx), args.id, args.input, ctx.requestId),

  archiveProduct: (_: unknown, args: { id: unknown }, ctx: CatalogContext) =>
    ctx.services.products.archive(callerId(ctx), args.id, ctx.requestId),

  createCategory: (_: unknown, args: { input: unknown }, ctx: CatalogContext) =>
    ctx.services.categories.create(args.input),

  updateCategory: (_: unknown, args: { id: unknown; input: unknown }, ctx: CatalogContext) =>
    ctx.services.categories.update(args.id, args.input),
};
