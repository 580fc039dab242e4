// The hall store keeps a snapshot in step with the server's frames and asks for a fresh one when a
// frame was missed (through the client library), and tells the counter what was new.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { HallSnapshot, TicketView } from '@hall/shared/contracts/entities';
import type { HallDelta, HallFrame } from '@hall/shared/contracts/frames';
import { openHallConnection } from '@hall/shared/client/hallConnection';
import { FakeSocket } from '@hall/shared/client/testing/fakeSocket';
import { snapshot as hallSnapshot, ticket as hallTicket } from '@hall/shared/client/testing/hallFixtures';
import { useHallStore } from './hall';

const ticket = (id: number): TicketView => hallTicket(id, `A00${id}`);
const snapshot = (version: number, tickets: TicketView[] = []): HallSnapshot =>
  hallSnapshot({ version, activeTickets: tickets });
const issued = (base: number, version: number, id: number): HallFrame => ({
  base,
  version,
  deltas: [{ type: 'ticket:issued', version, ticket: ticket(id) }],
});

function connected() {
  const fake = new FakeSocket();
  const link = openHallConnection({
    auth: { role: 'staff', sessionToken: 's'.repeat(32) },
    socket: fake.asSocket(),
  });
  fake.fire('connect');
  return { fake, link };
}

describe('hall store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('applies the next frame, ignores old ones, and passes on what was new', () => {
    const hall = useHallStore();
    const { fake, link } = connected();
    const heard: HallDelta[] = [];
    hall.onDelta((d) => heard.push(d));
    hall.bind(link);
    fake.fire('hall:snapshot', snapshot(10));
    fake.fire('hall:changed', issued(10, 11, 1));
    fake.fire('hall:changed', issued(10, 11, 2)); // a duplicate delivery
    expect(hall.snapshot?.version).toBe(11);
    expect(hall.snapshot?.activeTickets.map((t) => t.id)).toEqual([1]);
    expect(heard.map((d) => d.version)).toEqual([11]);
    expect(fake.sent('hall:sync')).toHaveLength(0);
  });

  it('asks for a fresh snapshot when a frame is missing, and takes it', async () => {
    const hall = useHallStore();
    const { fake, link } = connected();
    hall.bind(link);
    fake.fire('hall:snapshot', snapshot(10));
    fake.answer = async () => ({ ok: true, data: snapshot(13, [ticket(1), ticket(2), ticket(3)]) });
    fake.fire('hall:changed', issued(12, 13, 3));
    await vi.waitFor(() => expect(hall.snapshot?.version).toBe(13));
    expect(fake.sent('hall:sync')).toHaveLength(1);
    expect(hall.snapshot?.activeTickets).toHaveLength(3);
  });

  it('stops listening when unbound', () => {
    const hall = useHallStore();
    const { fake, link } = connected();
    hall.bind(link);
    hall.unbind();
    expect(fake.listenerCount('hall:changed') + fake.listenerCount('hall:snapshot')).toBe(0);
  });
});
