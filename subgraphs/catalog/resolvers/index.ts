import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateTime } from '../../../lib/graphql/date-time';
import type { CatalogContext } from '../context';
import { Category } from './category';
import { Mutation } from './mutation';
import { Product } from './product';
import { Query } from './query';
import { User } from './user';

export const catalogResolvers: GraphQLResolverMap<CatalogContext> = {
  DateTime,
  Query,
  Mutation,
  Product,
  Category,
  User,
};
