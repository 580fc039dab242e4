// A small front proxy for trying the city deployment on one machine: one address for every page,
// kiosk and screen, spread over several server processes on the same PostgreSQL database.
//
//   node server/scripts/cityProxy.mjs --port 8080 http://127.0.0.1:8081 http://127.0.0.1:8082 …
//
// - A new browser (no cookie) gets the next live process, round robin; the proxy then sets the
//   cookie `hall_backend`, so its later requests — Socket.IO long-polling, which needs the same
//   process for one session, and the upgrade to WebSocket — go to the same process (sticky).
// - A WebSocket is one connection and stays where it was opened.
// - A process that refuses connections is skipped for a few seconds; its clients land on the
//   others when they reconnect, and receive a fresh snapshot there.
// The Host header is passed on unchanged, so the servers' Origin check accepts pages served
// through the proxy. In production use your load balancer's sticky sessions (nginx ip_hash or a
// cookie, HAProxy `cookie`): see README › City deployment.
import http from 'node:http';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const COOKIE = 'hall_backend';
const DOWN_FOR_MS = 3_000;
const MAX_BODY_BYTES = 1024 * 1024;

export function startCityProxy({ port = 8080, host = '127.0.0.1', backends }) {
  if (!backends?.length) throw new Error('cityProxy: no backends');
  const targets = backends.map((b) => {
    const url = new URL(b);
    return { host: url.hostname, port: Number(url.port || 80), downUntil: 0 };
  });
  let next = 0;

  const alive = (i) => targets[i].downUntil <= Date.now();
  function stickyIndex(req) {
    const match = new RegExp(`(?:^|;\\s*)${COOKIE}=(\\d+)`).exec(req.headers.cookie ?? '');
    const i = match ? Number(match[1]) : -1;
    return i >= 0 && i < targets.length && alive(i) ? i : -1;
  }
  function pick(exclude) {
    for (let n = 0; n < targets.length; n += 1) {
      const i = (next + n) % targets.length;
      if (alive(i) && !exclude.has(i)) {
        next = (i + 1) % targets.length;
        return i;
      }
    }
    for (let i = 0; i < targets.length; i += 1) if (!exclude.has(i)) return i;
    return -1;
  }
  const markDown = (i) => (targets[i].downUntil = Date.now() + DOWN_FOR_MS);
  const forwardedHeaders = (req) => ({
    ...req.headers,
    'x-forwarded-for': [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', '),
  });

  function forward(req, res, body, tried) {
    const sticky = tried.size === 0 ? stickyIndex(req) : -1;
    const i = sticky >= 0 ? sticky : pick(tried);
    if (i < 0) {
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('服务器不可用 / No server available');
      return;
    }
    tried.add(i);
    const t = targets[i];
    const upstream = http.request(
      { host: t.host, port: t.port, method: req.method, path: req.url, headers: forwardedHeaders(req) },
      (response) => {
        const headers = { ...response.headers };
        if (sticky !== i) {
          const cookies = [].concat(headers['set-cookie'] ?? []);
          headers['set-cookie'] = [...cookies, `${COOKIE}=${i}; Path=/; HttpOnly; SameSite=Lax`];
        }
        res.writeHead(response.statusCode ?? 502, headers);
        response.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // Nothing reached the process: try the next one (the body is held here, so it can be re-sent).
      if (error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET') {
        markDown(i);
        forward(req, res, body, tried);
        return;
      }
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('服务器不可用 / No server available');
    });
    upstream.end(body);
  }

  function tunnel(req, clientSocket, head, tried) {
    const sticky = tried.size === 0 ? stickyIndex(req) : -1;
    const i = sticky >= 0 ? sticky : pick(tried);
    if (i < 0) {
      clientSocket.destroy();
      return;
    }
    tried.add(i);
    const t = targets[i];
    const upstream = net.connect(t.port, t.host);
    upstream.once('connect', () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      const headers = forwardedHeaders(req);
      for (const [name, value] of Object.entries(headers)) {
        for (const v of [].concat(value)) lines.push(`${name}: ${v}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head?.length) upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    upstream.on('error', () => {
      if (upstream.connecting || upstream.bytesWritten === 0) {
        markDown(i);
        tunnel(req, clientSocket, head, tried);
      } else clientSocket.destroy();
    });
    clientSocket.on('error', () => upstream.destroy());
    clientSocket.on('close', () => upstream.destroy());
    upstream.on('close', () => clientSocket.destroy());
  }

  const server = http.createServer((req, res) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413).end();
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => forward(req, res, Buffer.concat(chunks), new Set()));
  });
  server.on('upgrade', (req, socket, head) => tunnel(req, socket, head, new Set()));
  server.on('clientError', (_error, socket) => socket.destroy());

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({
        url: `http://${host}:${address.port}`,
        port: address.port,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    if (at < 0) return fallback;
    const [value] = args.splice(at, 2).slice(1);
    return value;
  };
  const port = Number(option('--port', '8080'));
  const host = option('--host', '0.0.0.0');
  startCityProxy({ port, host, backends: args }).then(
    (proxy) => process.stdout.write(`city proxy on ${proxy.url} → ${args.join(', ')}\n`),
    (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
