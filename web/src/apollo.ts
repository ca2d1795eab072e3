import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { currentSession, onSessionChange } from './session';

const bearer = () => {
  const session = currentSession();
  return session ? `Bearer ${session.accessToken}` : undefined;
};

const http = ApolloLink.from([
  new SetContextLink((prevContext) => {
    const authorization = bearer();
    return authorization ? { headers: { ...prevContext.headers, authorization } } : prevContext;
  }),
  new HttpLink({ uri: '/graphql' }),
]);

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
const ws = createClient({
  url: wsUrl,
  lazy: true,
  // Called per connection: after the gateway closes the socket when the token expires (4403),
  // the client reconnects with the refreshed one and resubscribes.
  connectionParams: () => {
    const authorization = bearer();
    return authorization ? { authorization } : {};
  },
  retryAttempts: Infinity,
  shouldRetry: () => true,
});
// A new person (or none) must not keep the previous one's socket.
onSessionChange(() => ws.terminate());

const link = ApolloLink.split(
  ({ query }) => {
    const definition = getMainDefinition(query);
    return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
  },
  new GraphQLWsLink(ws),
  http,
);

export const client = new ApolloClient({
  link,
  cache: new InMemoryCache({
    typePolicies: {
      // Money and PageInfo have no id: store them inside their parent.
      Money: { merge: true },
      ProductStock: { merge: true },
    },
  }),
});

onSessionChange(() => void client.clearStore());
