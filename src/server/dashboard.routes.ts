import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/** Where `npm run web:build` (run by `npm ci`) puts the dashboard: beside src/ under tsx, beside dist/ when compiled. */
const BUILT = [path.resolve(__dirname, '../../web/dist'), path.resolve(__dirname, '../../../web/dist')].find((d) => fs.existsSync(path.join(d, 'index.html')));

/**
 * The dashboard at GET / and its bundled assets: static files that read the public GraphQL API
 * with the key the user pastes. Without a build, `/` says how to make one.
 */
export function dashboardRoutes(): Router {
  const r = Router();
  r.use((req, res, next) => {
    // ECharts draws SVG with inline styles; the bundle has no inline script.
    res.setHeader('content-security-policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:");
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  if (BUILT) {
    r.use(express.static(BUILT, { index: 'index.html', fallthrough: true, maxAge: '1h', setHeaders: (res, file) => {
      // The page itself changes with every build; its hashed assets never do.
      if (file.endsWith('.html')) res.setHeader('cache-control', 'no-cache');
    } }));
  } else {
    r.get('/', (_req, res) => {
      res.status(503).type('text/plain').send('The dashboard is not built: run `npm run web:build` (npm ci does it).\n');
    });
  }
  return r;
}
