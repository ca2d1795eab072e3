import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { currentSession, onSessionChange } from './session';

const bearer = () => {
  const session = currentSession();
  return session ? `Bearer ${session.accessToken}` : undefined;
};

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Queries travel as automatic persisted queries over GET (`?extensions={persistedQuery…}`): the
 * hash alone once the gateway knows it, so a CDN or the browser may cache anonymous storefront
 * reads (the gateway marks signed-in answers `no-store`). Mutations stay POST. Web Crypto exists
 * only in secure contexts (https, localhost); elsewhere the app sends plain POSTs.
 */
const persistedQueries: ApolloLink[] = globalThis.crypto?.subtle
  ? [new PersistedQueryLink({ sha256: sha256Hex, useGETForHashedQueries: true })]
  : [];

const http = ApolloLink.from([
  new SetContextLink((prevContext) => {
    const authorization = bearer();
    return authorization ? { headers: { ...prevContext.headers, authorization } } : prevContext;
  }),
  ...persistedQueries,
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
