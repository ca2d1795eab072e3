import { DateTime } from '../../../lib/graphql/date-time';
import type { Resolvers } from '../generated/resolvers-types';
import { Mutation } from './mutation';
import { Query } from './query';
import { User } from './user';

/** Checked against the generated `Resolvers`; the server takes them as they are. */
export const usersResolvers: Resolvers = { DateTime, Query, Mutation, User };
