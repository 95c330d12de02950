import path from 'node:path';
import { Router, type Response } from 'express';

// GraphiQL and React are served from node_modules, so the explorer works without internet access
// (Apollo's landing pages load their scripts from a CDN).
const assets: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

// Through package.json: the packages' export maps do not list their UMD builds.
const fileOf = (a: { pkg: string; file: string }) => path.join(path.dirname(require.resolve(`${a.pkg}/package.json`)), a.file);

// No inline script: the page works under a Content-Security-Policy of 'self'.
const START = `const fetcher = GraphiQL.createFetcher({ url: location.pathname });
ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, {
  fetcher,
  defaultEditorToolsVisibility: 'headers',
  // The key stays in this tab only, never in the browser's storage.
  shouldPersistHeaders: false,
  defaultHeaders: JSON.stringify({ Authorization: 'Bearer <your API key>' }, null, 2),
  defaultQuery: '# Put your API key in the Headers tab below, then run:\\n{\\n  viewer { id roles }\\n  customers(first: 5) { totalCount edges { node { externalId name summary { purchaseCount revenue } } } }\\n}\\n',
}));
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>customer-graph explorer</title>
<link rel="stylesheet" href="/explorer/graphiql.css">
<style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
<div id="graphiql">Loading the explorer...</div>
<script src="/explorer/react.js"></script>
<script src="/explorer/react-dom.js"></script>
<script src="/explorer/graphiql.js"></script>
<script src="/explorer/start.js"></script>
</body>
</html>
`;

function send(res: Response, type: string, body: string | Buffer): void {
  res.setHeader('content-type', `${type}; charset=utf-8`);
  res.setHeader('x-content-type-options', 'nosniff');
  res.send(body);
}

/**
 * The GraphiQL explorer at GET /graphql for browsers, and its assets under /explorer. Mounted only
 * when introspection is on (GRAPHQL_INTROSPECTION): without the schema it cannot work.
 */
export function explorerRoutes(): Router {
  const r = Router();
  r.get('/graphql', (req, res, next) => {
    if (req.query.query !== undefined || req.accepts(['json', 'html']) !== 'html') return next();
    res.setHeader('content-security-policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
    send(res, 'text/html', PAGE);
  });
  r.get('/explorer/start.js', (_req, res) => send(res, 'text/javascript', START));
  r.get('/explorer/:asset', (req, res, next) => {
    const asset = Object.hasOwn(assets, req.params.asset) ? assets[req.params.asset] : undefined;
    if (!asset) return next();
    res.setHeader('cache-control', 'public, max-age=86400');
    res.setHeader('content-type', `${asset.type}; charset=utf-8`);
    res.sendFile(fileOf(asset));
  });
  return r;
}
