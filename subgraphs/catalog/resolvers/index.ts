import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateTime } from '../../../lib/graphql/date-time';
import type { CatalogContext } from '../context';
import type { Resolvers } from '../generated/resolvers-types';
import { Category } from './category';
import { Mutation } from './mutation';
import { Product } from './product';
import { Query } from './query';
import { User } from './user';

const resolvers: Resolvers = { DateTime, Query, Mutation, Product, Category, User };

/**
 * Checked against the generated `Resolvers`, then handed over as Apollo's map, whose field
 * resolver signature cannot express `__resolveReference(reference, context)`.
 */
export const catalogResolvers = resolvers as GraphQLResolverMap<CatalogContext>;
