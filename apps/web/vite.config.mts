import path from 'path';
import { fileURLToPath } from 'url';
import { defineConfig } from 'vite';

/**
 * The member web app, built into apps/web/dist, which the Strapi app serves at /
 * (src/middlewares/web-app.ts). React's automatic JSX runtime comes from Vite's
 * esbuild, so no plugin is needed. In `vite dev` (npm run web:dev) the REST calls
 * go to the app on :1337.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    // Hashed files under a folder of their own, so they never shadow a route of the app.
    assetsDir: 'web-assets',
    target: 'es2020',
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://localhost:1337', '/uploads': 'http://localhost:1337' },
  },
});
