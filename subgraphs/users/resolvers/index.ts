import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateTime } from '../../../lib/graphql/date-time';
import type { UsersContext } from '../context';
import type { Resolvers } from '../generated/resolvers-types';
import { Mutation } from './mutation';
import { Query } from './query';
import { User } from './user';

const resolvers: Resolvers = { DateTime, Query, Mutation, User };

/**
 * Checked against the generated `Resolvers`, then handed over as Apollo's map, whose field
 * resolver signature cannot express `__resolveReference(reference, context)`.
 */
export const usersResolvers = resolvers as GraphQLResolverMap<UsersContext>;
