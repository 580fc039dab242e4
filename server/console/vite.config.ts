// Staff + admin console: a Vite app served by the server under /console/ (SPA fallback there).
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const devServer = process.env.HALL_SERVER_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('./', import.meta.url)),
  base: '/console/',
  plugins: [vue()],
  build: {
    outDir: `${repoRoot}dist/web/console`,
    emptyOutDir: true,
    // The report page's charts (echarts) make one large chunk; the console runs on the hall LAN.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npm run dev`: the page talks to the server (on PORT, 8080 by default) for Socket.IO and /api.
    proxy: {
      '/api': devServer,
      '/socket.io': { target: devServer, ws: true },
    },
  },
});
