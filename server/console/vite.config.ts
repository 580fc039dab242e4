// Staff + admin console: a Vite app served by the server under /console/ (SPA fallback there).
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('./', import.meta.url)),
  base: '/console/',
  plugins: [vue()],
  resolve: { alias: { '@shared': `${repoRoot}shared` } },
  build: {
    outDir: `${repoRoot}dist/web/console`,
    emptyOutDir: true,
  },
  server: {
    // `vite dev` against a running server on :3000 (npm start) for quick UI work.
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
});
