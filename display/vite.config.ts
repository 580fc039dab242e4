// Wall display, window displays and the public ticket status page (served by the server under /display/).
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { checkVoicePacks } from './voice/packCheck.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));
const packDir = join(here, 'voice', 'pack');
const packUrlPrefix = '/display/voice/pack/';

/**
 * The voice packs live once in git at display/voice/pack/<language>/ (next to the script that
 * generates them and where a hall drops its own recordings). This plugin serves them under
 * /display/voice/pack/ in dev and copies them into the build, so there is no second copy in a
 * public/ folder. A pack that is missing a clip fails the build (checkVoicePacks), not the hall.
 */
function voicePack(): Plugin {
  const files = (): string[] =>
    readdirSync(packDir, { recursive: true, encoding: 'utf8' })
      .map((f) => f.split(sep).join('/'))
      .filter((f) => /^[a-z]+\/[^/]+\.(wav|mp3|ogg|json)$/.test(f));
  const types: Record<string, string> = {
    wav: 'audio/wav',
    mp3: 'audio/mpeg',
    ogg: 'audio/ogg',
    json: 'application/json',
  };
  return {
    name: 'hall-voice-pack',
    buildStart() {
      const problems = checkVoicePacks(packDir);
      if (problems.length > 0) {
        this.error(`voice pack incomplete (display/voice/pack):\n  ${problems.join('\n  ')}`);
      }
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = req.url?.split('?')[0] ?? '';
        if (!url.startsWith(packUrlPrefix)) return next();
        const name = url.slice(packUrlPrefix.length);
        if (!files().includes(name)) return next();
        res.setHeader('Content-Type', types[name.split('.').pop() ?? ''] ?? 'application/octet-stream');
        res.end(readFileSync(join(packDir, name)));
      });
    },
    generateBundle() {
      for (const name of files()) {
        this.emitFile({
          type: 'asset',
          fileName: `voice/pack/${name}`,
          source: readFileSync(join(packDir, name)),
        });
      }
    },
  };
}

// In `npm run dev`, the page talks to the server (on PORT, 8080 by default) for Socket.IO and /api.
const devServer = process.env.HALL_SERVER_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: here,
  base: '/display/',
  publicDir: false,
  plugins: [vue(), voicePack()],
  build: { outDir: join(repo, 'dist', 'web', 'display'), emptyOutDir: true },
  server: {
    proxy: {
      '/api': devServer,
      '/socket.io': { target: devServer, ws: true },
    },
  },
});
