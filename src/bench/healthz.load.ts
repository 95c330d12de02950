import { Worker } from 'node:worker_threads';
import type { LoadResult } from './closed-loop.load';

// The probe runs on a thread of its own, as a load balancer's would run in another process: a
// client on the server's event loop would wait its own turns of that busy loop to send each
// request and to read each answer, and count them as the server's delay.
const PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
let stopping = false;
parentPort.on('message', () => { stopping = true; });
(async () => {
  const latenciesMs = [];
  let errors = 0;
  let firstError;
  const started = performance.now();
  while (!stopping) {
    const t = performance.now();
    try {
      const res = await fetch(workerData.url);
      if (!res.ok) throw new Error('HTTP ' + res.status);
      await res.arrayBuffer();
      latenciesMs.push(performance.now() - t);
    } catch (err) {
      errors += 1;
      firstError = firstError ?? String(err && err.message ? err.message : err);
    }
  }
  parentPort.postMessage({ latenciesMs, errors, firstError, seconds: (performance.now() - started) / 1000 });
})();
`;

/** One client asking `/healthz` in a loop until stop(): what a load balancer's probe waits during heavy work. */
export function healthzLoad(graphqlUrl: string, stop: () => boolean): Promise<LoadResult> {
  const url = graphqlUrl.replace(/\/graphql$/, '/healthz');
  const worker = new Worker(PROBE, { eval: true, workerData: { url } });
  return new Promise<LoadResult>((resolve, reject) => {
    const watch = setInterval(() => {
      if (stop()) worker.postMessage('stop');
    }, 20);
    const settle = () => clearInterval(watch);
    worker.once('message', (result: LoadResult) => {
      settle();
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', (err) => {
      settle();
      reject(err);
    });
  });
}
