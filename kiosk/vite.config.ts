// The kiosk renderer as a plain Vite app: served by the server at /kiosk/ (browser mode) and
// loaded by the Electron main process from the same build (or from the server URL).
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// In `npm run dev`, the page talks to the server (on PORT, 8080 by default), as the display's config does.
const devServer = process.env.HALL_SERVER_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: '/kiosk/',
  plugins: [vue()],
  build: {
    outDir: `${repoRoot}dist/web/kiosk`,
    emptyOutDir: true,
    // Kiosk PCs in halls can be old; keep the output conservative but modern enough for ES2020.
    target: 'es2020',
  },
  server: {
    proxy: {
      '/socket.io': { target: devServer, ws: true },
      '/display/voice': devServer,
    },
  },
});
