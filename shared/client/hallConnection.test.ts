// The client library's connection: commands wait for the connection (a page opened directly must
// not fail with "not connected"), end in the Result shape whatever happens, and the link state
// follows the transport and the server's refusals.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openHallConnection, type LinkState } from './hallConnection';
import { FakeSocket } from './testing/fakeSocket';

const auth = { role: 'display' as const, deviceKey: 'k'.repeat(32) };

describe('hall connection', () => {
  let fake: FakeSocket;
  beforeEach(() => {
    fake = new FakeSocket();
  });
  afterEach(() => vi.useRealTimers());

  it('holds a command sent before the connection until it is up, then sends it', async () => {
    const link = openHallConnection({ auth, socket: fake.asSocket() });
    fake.answer = async () => ({ ok: true, data: 'snapshot' });
    const pending = link.command('hall:sync');
    await Promise.resolve();
    expect(fake.sent('hall:sync')).toHaveLength(0);
    fake.fire('connect');
    expect(await pending).toEqual({ ok: true, data: 'snapshot' });
    expect(fake.sent('hall:sync')).toHaveLength(1);
  });

  it('answers OFFLINE in both languages when no connection comes in time', async () => {
    vi.useFakeTimers();
    const link = openHallConnection({ auth, socket: fake.asSocket(), commandTimeoutMs: 1000 });
    const pending = link.command('hall:sync');
    await vi.advanceTimersByTimeAsync(1000);
    const result = await pending;
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('OFFLINE');
      expect(result.error.zh).toContain('未连接到服务器');
      expect(result.error.en).toContain('Not connected');
    }
    expect(fake.sent('hall:sync')).toHaveLength(0);
  });

  it('answers NO_RESPONSE when the server does not answer in time, and passes refusals through', async () => {
    vi.useFakeTimers();
    const link = openHallConnection({ auth, socket: fake.asSocket(), commandTimeoutMs: 1000 });
    fake.fire('connect');
    const silent = link.command('hall:sync');
    await vi.advanceTimersByTimeAsync(1000);
    expect(await silent).toMatchObject({ ok: false, error: { code: 'NO_RESPONSE' } });
    fake.answer = async () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'x', zh: 'x', en: 'x' } });
    expect(
      await link.command('ticket:issue', { requestId: 'r'.repeat(16), serviceId: 1 } as never),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('follows the transport, and stays refused when the server refuses the key', () => {
    const link = openHallConnection({ auth, socket: fake.asSocket() });
    const states: LinkState[] = [];
    link.onState((s) => states.push(s));
    expect(link.state).toBe('connecting');
    fake.fire('connect');
    fake.fire('disconnect', 'transport close');
    fake.fire('connect_error', new Error('xhr poll error'));
    fake.fire('connect');
    fake.active = false;
    fake.fire('connect_error', new Error('DEVICE_REVOKED'));
    expect(states).toEqual(['online', 'offline', 'online', 'refused']);
    expect(link.refusal).toBe('DEVICE_REVOKED');
  });

  it('a kiosk asks again after a refusal, and comes back after the server cut the line', async () => {
    vi.useFakeTimers();
    const link = openHallConnection({
      auth,
      socket: fake.asSocket(),
      retryRefusedMs: 30_000,
      reconnectAfterCutMs: 2000,
    });
    fake.fire('connect');
    fake.fire('disconnect', 'io server disconnect');
    expect(link.state).toBe('offline');
    await vi.advanceTimersByTimeAsync(2000);
    expect(fake.connectCalls).toBe(1);
    fake.fire('session:ended', { code: 'DEVICE_REVOKED' });
    fake.fire('disconnect', 'io server disconnect');
    expect(link.state).toBe('refused');
    await vi.advanceTimersByTimeAsync(29_000);
    expect(fake.connectCalls).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.connectCalls).toBe(2);
  });

  it('stops listening and retrying when closed', () => {
    const link = openHallConnection({ auth, socket: fake.asSocket() });
    const events = ['connect', 'disconnect', 'connect_error', 'session:ended'];
    expect(events.map((e) => fake.listenerCount(e))).toEqual([1, 1, 1, 1]);
    const off = link.on('hall:changed', () => undefined);
    expect(fake.listenerCount('hall:changed')).toBe(1);
    off();
    link.close();
    expect(events.map((e) => fake.listenerCount(e))).toEqual([0, 0, 0, 0]);
    expect(fake.listenerCount('hall:changed')).toBe(0);
  });
});
