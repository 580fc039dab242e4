// Serves the built pages (kiosk, display, console) with security headers, and the short /t/:token
// address printed as a QR code on every ticket.
import express from 'express';
import fs from 'node:fs';
import path from 'node:path';

const APPS = ['kiosk', 'display', 'console'] as const;

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "media-src 'self' data:",
  "font-src 'self' data:",
  // 'self' covers ws:// and wss:// to this same host and port (CSP Level 3): a page can talk to its
  // own server only, never to another host, even if a script were injected.
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export function createPagesRouter(webRoot: string): express.Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    // Status pages carry their token in the address: never leak it to other sites.
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });

  router.get('/', (_req, res) => res.redirect(302, '/console/'));
  router.get('/t/:token', (req, res) => {
    const token = /^[A-Za-z0-9_-]{16,64}$/.test(req.params.token) ? req.params.token : '';
    res.redirect(302, `/display/status/${token}`);
  });

  for (const app of APPS) {
    const dir = path.join(webRoot, app);
    const index = path.join(dir, 'index.html');
    router.use(`/${app}`, express.static(dir, { index: false, maxAge: '1h', fallthrough: true }));
    // Single-page apps: every other address under the app serves its index.html.
    router.get(new RegExp(`^/${app}(/.*)?$`), (_req, res) => {
      if (!fs.existsSync(index)) {
        res
          .status(503)
          .type('text/plain; charset=utf-8')
          .send(`页面尚未构建 / Page not built: run "npm run build:web" (${app})`);
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  }
  return router;
}
