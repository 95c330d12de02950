import { defineConfig } from 'vite';

// The dashboard: built into web/dist at `npm ci` (the `prepare` script) or `npm run web:build`,
// and served by the API server at `/`. Everything it needs is bundled: no CDN at run time.
export default defineConfig({
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});
