// Starts load-generator processes (child_process.fork, so they compete for the CPU like real
// clients would, not share the bench's event loop) and sends them typed requests.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths';
import type { WorkerEnvelope, WorkerReply, WorkerRequest, WorkerResults } from './protocol';

export interface LoadWorker {
  name: string;
  pid: number;
  send<R extends WorkerRequest>(request: R): Promise<WorkerResults[R['kind']]>;
  stop(): Promise<void>;
}

export function startWorker(name: string): LoadWorker {
  const child: ChildProcess = fork(path.join(REPO_ROOT, 'test/load/worker.ts'), [name], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (reply: WorkerReply) => {
    const entry = waiting.get(reply.id);
    if (!entry) return;
    waiting.delete(reply.id);
    if (reply.ok) entry.resolve(reply.result);
    else entry.reject(new Error(`${name}: ${reply.message}`));
  });
  child.once('exit', (code) => {
    for (const entry of waiting.values()) entry.reject(new Error(`${name} exited with ${code}`));
    waiting.clear();
  });

  return {
    name,
    pid: child.pid!,
    send<R extends WorkerRequest>(request: R) {
      const id = nextId++;
      return new Promise<WorkerResults[R['kind']]>((resolve, reject) => {
        waiting.set(id, { resolve: (r) => resolve(r as WorkerResults[R['kind']]), reject });
        const envelope: WorkerEnvelope = { id, request };
        child.send(envelope);
      });
    },
    async stop() {
      if (child.exitCode !== null || !child.connected) return;
      await this.send({ kind: 'close' }).catch(() => undefined);
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.disconnect();
      await exited;
    },
  };
}
