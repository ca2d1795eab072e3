import { DateTime } from '../../../lib/graphql/date-time';
import type { Resolvers } from '../generated/resolvers-types';
import { Category } from './category';
import { Mutation } from './mutation';
import { Product } from './product';
import { Query } from './query';
import { User } from './user';

/** Checked against the generated `Resolvers`; the server takes them as they are. */
export const catalogResolvers: Resolvers = { DateTime, Query, Mutation, Product, Category, User };
