import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** Where the API is and the key to call it with. */
export interface ClientOptions {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  /** An API key (`cgk_...`) or a JWT. */
  key: string;
  /** Another fetch (tests, proxies); default: the global one. */
  fetch?: typeof fetch;
}

/** A GraphQL error as the API reports it: its message and stable `extensions.code`. */
export class CustomerGraphError extends Error {
  constructor(message: string, readonly code: string, readonly extensions: Record<string, unknown> = {}) {
    super(message);
    this.name = 'CustomerGraphError';
  }
}

/** A typed client: `request(CustomerProfileDocument, { externalId })` returns that query's typed data. */
export interface CustomerGraphClient {
  request<Result, Variables extends Record<string, unknown>>(document: TypedDocumentNode<Result, Variables>, variables?: Variables): Promise<Result>;
}

export function createClient(o: ClientOptions): CustomerGraphClient {
  const doFetch = o.fetch ?? fetch;
  return {
    async request(document, variables) {
      const res = await doFetch(o.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${o.key}` },
        body: JSON.stringify({ query: print(document), variables: variables ?? {} }),
      });
      const body = await res.json().catch(() => null) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } | null;
      const first = body?.errors?.[0];
      if (first) throw new CustomerGraphError(first.message, String(first.extensions?.code ?? 'ERROR'), first.extensions ?? {});
      if (!res.ok || !body?.data) throw new CustomerGraphError(`the server answered HTTP ${res.status}`, 'HTTP');
      return body.data as never;
    },
  };
}
