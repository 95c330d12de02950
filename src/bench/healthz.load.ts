import { closedLoop, type LoadResult } from './closed-loop.load';

/** One client asking `/healthz` in a loop until stop(): what a load balancer's probe waits during heavy work. */
export function healthzLoad(graphqlUrl: string, stop: () => boolean): Promise<LoadResult> {
  const url = graphqlUrl.replace(/\/graphql$/, '/healthz');
  return closedLoop({
    clients: 1,
    stop,
    request: async () => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      await res.arrayBuffer();
    },
  });
}
