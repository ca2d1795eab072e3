import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateTime } from '../../../lib/graphql/date-time';
import type { InventoryContext } from '../context';
import type { Resolvers } from '../generated/resolvers-types';
import { Mutation } from './mutation';
import { Product } from './product';
import { ProductStock } from './product-stock';
import { Query } from './query';
import { StockMovement } from './stock-movement';
import { Warehouse } from './warehouse';

const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Product,
  ProductStock,
  StockMovement,
  Warehouse,
};

/**
 * Checked against the generated `Resolvers`, then handed over as Apollo's map, whose field
 * resolver signature cannot express `__resolveReference(reference, context)`.
 */
export const inventoryResolvers = resolvers as GraphQLResolverMap<InventoryContext>;
