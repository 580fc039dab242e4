// The bare Socket.IO fan-out baseline: a server that does nothing but send one frame to every
// socket connected to it, at a fixed rate, when the bench asks. Plain Node (no TypeScript loader),
// no database, no rooms, no logic: what one frame to N sockets costs on this machine, measured in
// the same run as the hall server. Started by fanoutBaseline.ts with child_process.fork.
import http from 'node:http';
import { Server } from 'socket.io';

const httpServer = http.createServer();
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function emitAtRate(frame, count, ratePerSec) {
  const t0 = now();
  for (let i = 0; i < count; i += 1) {
    const due = t0 + (i * 1000) / ratePerSec;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
    // Stamped at the emit, so receivers can tell how late it came (frames are built per emit, as a
    // real server builds each frame once for all its sockets).
    const stamped = { ...frame, deltas: frame.deltas.map((d) => ({ ...d, call: { ...d.call, at: now() } })) };
    io.emit('hall:changed', stamped);
  }
}

process.on('message', (message) => {
  if (message.kind === 'emit') {
    void emitAtRate(message.frame, message.count, message.ratePerSec).then(() =>
      process.send({ kind: 'emitted', count: message.count, sockets: io.engine.clientsCount }),
    );
  } else if (message.kind === 'close') {
    io.close(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));

httpServer.listen(0, '127.0.0.1', () => process.send({ kind: 'listening', port: httpServer.address().port }));
