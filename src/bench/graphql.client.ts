/** A GraphQL response body. */
export interface GraphqlBody<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Where the server answers and the headers every request carries (its credential). */
export interface GraphqlEndpoint {
  url: string;
  headers: Record<string, string>;
}

/**
 * POSTs one operation and returns its data; throws on HTTP or GraphQL errors. The server closes
 * keep-alive sockets idle for 5 s; a request on one that closed meanwhile fails once, and is
 * retried on a fresh socket.
 */
export async function postGraphql<T>(endpoint: GraphqlEndpoint, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<T> {
  const send = () => fetch(endpoint.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...endpoint.headers, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const res = await send().catch(() => send());
  const body = (await res.json()) as GraphqlBody<T>;
  if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors.map((e) => `${e.extensions?.code ?? ''} ${e.message}`).join('; ')}`);
  if (!res.ok || body.data === undefined) throw new Error(`HTTP ${res.status}`);
  return body.data;
}
