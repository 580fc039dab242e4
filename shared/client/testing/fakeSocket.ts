// A test double for the client library's socket: records what the screen sends, lets a test answer
// acknowledgements and fire server events. Used by the unit tests of every renderer's stores.
import type { HallSocket } from '../hallConnection';

type Handler = (...args: never[]) => void;

export interface EmitRecord {
  event: string;
  payload: unknown;
}

export class FakeSocket {
  connected = false;
  active = true;
  connectCalls = 0;
  readonly emits: EmitRecord[] = [];
  private readonly handlers = new Map<string, Set<Handler>>();
  /** Decides each acknowledgement; by default none ever comes. */
  answer: (event: string, payload: unknown) => Promise<unknown> = () => new Promise(() => undefined);

  on(event: string, handler: Handler): this {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(handler);
    return this;
  }
  off(event: string, handler: Handler): this {
    this.handlers.get(event)?.delete(handler);
    return this;
  }
  connect(): this {
    this.connectCalls += 1;
    return this;
  }
  disconnect(): this {
    this.connected = false;
    return this;
  }
  /** The server (or the transport) does something: fires the bound handlers. */
  fire(event: string, ...args: unknown[]): void {
    if (event === 'connect') this.connected = true;
    if (event === 'disconnect') this.connected = false;
    for (const handler of [...(this.handlers.get(event) ?? [])])
      (handler as (...a: unknown[]) => void)(...args);
  }
  listenerCount(event: string): number {
    return this.handlers.get(event)?.size ?? 0;
  }
  emit(event: string, ...args: unknown[]): this {
    this.emits.push({ event, payload: typeof args[0] === 'function' ? undefined : args[0] });
    return this;
  }
  timeout(ms: number): { emitWithAck: (event: string, payload?: unknown) => Promise<unknown> } {
    return {
      emitWithAck: (event, payload) => {
        this.emits.push({ event, payload });
        return Promise.race([
          this.answer(event, payload),
          new Promise((_, reject) => setTimeout(() => reject(new Error('operation has timed out')), ms)),
        ]);
      },
    };
  }
  sent(event: string): unknown[] {
    return this.emits.filter((e) => e.event === event).map((e) => e.payload);
  }
  asSocket(): HallSocket {
    return this as unknown as HallSocket;
  }
}
