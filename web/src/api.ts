/** A GraphQL error the dashboard shows as it is: the server's message and stable code. */
export class ApiError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

/** Runs a query against the server's public GraphQL API with the caller's key. */
export async function query<T>(key: string, text: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: text, variables }),
  });
  const body = await res.json().catch(() => null) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] } | null;
  const first = body?.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'ERROR');
  if (!res.ok || !body?.data) throw new ApiError(`the server answered ${res.status}`, 'HTTP');
  return body.data;
}

/** What a view is asked to show. */
export interface Filter {
  /** A segment key, or '' for every customer. */
  segment: string;
  granularity: 'MONTH' | 'QUARTER' | 'YEAR';
}

/** The CustomerFilter of a dashboard filter. */
export const customerFilter = (f: Filter) => (f.segment ? { segmentKeys: [f.segment] } : {});
