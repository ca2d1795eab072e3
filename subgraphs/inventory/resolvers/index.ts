import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateTime } from '../../../lib/graphql/date-time';
import type { InventoryContext } from '../context';
import { Mutation } from './mutation';
import { Product } from './product';
import { ProductStock } from './product-stock';
import { Query } from './query';
import { StockMovement } from './stock-movement';
import { Warehouse } from './warehouse';

export const inventoryResolvers: GraphQLResolverMap<InventoryContext> = {
  DateTime,
  Query,
  Mutation,
  Product,
  ProductStock,
  StockMovement,
  Warehouse,
};
