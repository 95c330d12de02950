import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';

/** The shape of `customer(id:) { id clv { value } churn { probability } }`, answered with constants. */
const typeDefs = `#graphql
  type Clv { value: Float! }
  type Churn { probability: Float! }
  type Customer { id: ID! clv: Clv churn: Churn }
  type Query { customer(id: ID, externalId: String): Customer }
`;

const resolvers = {
  Query: {
    customer: (_root: unknown, args: { id?: string | null }) => ({ id: args.id ?? '1', clv: { value: 123.45 }, churn: { probability: 0.12 } }),
  },
};

export interface BareServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * A bare Apollo Server 5 on express 5 (`@as-integrations/express5`), no database: the ceiling
 * of the HTTP and GraphQL layers on this machine for the by-id query.
 */
export async function startBareApollo(): Promise<BareServer> {
  const apollo = new ApolloServer({ typeDefs, resolvers });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json(), expressMiddleware(apollo));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      await apollo.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
