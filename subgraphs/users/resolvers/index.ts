import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateTime } from '../../../lib/graphql/date-time';
import type { UsersContext } from '../context';
import { Mutation } from './mutation';
import { Query } from './query';
import { User } from './user';

export const usersResolvers: GraphQLResolverMap<UsersContext> = { DateTime, Query, Mutation, User };
