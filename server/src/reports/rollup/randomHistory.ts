// Random hall histories as report rows, consistent with what the server writes: tickets with their
// states and times, transfer legs on the same business day as their parent, call and done events,
// completed home visits. Used by the property test (and nothing else); seeded, so a failure names
// the seed that reproduces it.
import { DEFAULT_RULES } from '@hall/shared/defaults';
import { SERVICE_CATEGORIES, type TicketState } from '@hall/shared/contracts/entities';
import { RATING_LEVELS } from '@hall/shared/contracts/ratings';
import { businessDay } from '@hall/shared/hallTime';
import type { ReportInput, ReportTicketRow } from '../reportInput';

export type Rng = () => number;

/** mulberry32: small, fast, good enough to pick test data. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZONES = ['Asia/Shanghai', 'Asia/Kolkata', 'Asia/Urumqi'];
const CLASSES = ['normal', 'normal', 'elderly', 'elderly', 'disabled'];
export const FIRST_DAY = Date.UTC(2026, 4, 4);
const MINUTE = 60_000;

export function randomHistory(rng: Rng, dayCount: number): ReportInput {
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const chance = (p: number) => rng() < p;
  const input: ReportInput = {
    from: '',
    to: '',
    hallId: null,
    halls: [],
    services: [],
    windows: [],
    staff: [],
    tickets: [],
    calls: [],
    dones: [],
    homeVisits: [],
    appointments: [],
  };
  let nextId = 1;
  const hallCount = int(1, 3);
  for (let h = 1; h <= hallCount; h += 1) {
    const timezone = pick(ZONES);
    input.halls.push({ id: h, name: `大厅${h}`, timezone, priorityClasses: DEFAULT_RULES.priorityClasses });
    const services = Array.from({ length: int(1, 3) }, (_, i) => ({
      id: nextId++,
      hallId: h,
      code: String.fromCharCode(65 + i),
      nameZh: `业务${i}`,
      category: pick(SERVICE_CATEGORIES),
    }));
    const windows = Array.from({ length: int(1, 3) }, (_, i) => ({
      id: nextId++,
      hallId: h,
      number: i + 1,
      elderlyDedicated: chance(0.4),
    }));
    const staff = Array.from({ length: int(1, 3) }, (_, i) => ({ id: nextId++, name: `民警${h}-${i}` }));
    input.services.push(...services);
    input.windows.push(...windows);
    input.staff.push(...staff);

    for (let d = 0; d < dayCount; d += 1) {
      const dayStart = FIRST_DAY + d * 86_400_000;
      for (let n = int(0, 12); n > 0; n -= 1) {
        // Between 01:00 and 10:00 UTC: a working day in every zone above.
        const issuedAt = dayStart + MINUTE * 60 + int(0, 9 * 60 * MINUTE);
        const base: ReportTicketRow = {
          id: nextId++,
          hallId: h,
          serviceId: pick(services).id,
          businessDay: businessDay(issuedAt, timezone),
          priorityClass: pick(CLASSES),
          proxy: chance(0.2),
          state: 'waiting',
          issuedAt,
          servingAt: null,
          finishedAt: null,
          windowId: null,
          staffId: null,
          marks: null,
          transferredFromId: null,
          // Some visitors checked in from a booking: their slot began before or after they came.
          slotStart: chance(0.2) ? issuedAt + int(-30, 30) * MINUTE : null,
          // Some visitors take their ticket at the front desk.
          source: chance(0.15) ? 'desk' : 'kiosk',
        };
        let leg = base;
        let enteredAt = issuedAt;
        // A chain of up to three legs: each but the last closed by a transfer.
        for (let hop = 0; hop < 3; hop += 1) {
          const state = pick<TicketState>(
            hop < 2
              ? [
                  'waiting',
                  'called',
                  'serving',
                  'done',
                  'done',
                  'done',
                  'no_show',
                  'cancelled',
                  'transferred',
                ]
              : ['waiting', 'called', 'done', 'no_show', 'cancelled'],
          );
          const windowId = chance(0.9) ? pick(windows).id : null;
          const staffId = chance(0.9) ? pick(staff).id : null;
          const calledAt = enteredAt + int(0, 90 * MINUTE) + int(0, 59_999);
          const called =
            state !== 'waiting' && state !== 'cancelled' ? true : state === 'cancelled' && chance(0.3);
          if (called) {
            input.calls.push({ ticketId: leg.id, at: calledAt, windowId, staffId });
            if (chance(0.3))
              input.calls.push({ ticketId: leg.id, at: calledAt + int(1, 5) * MINUTE, windowId, staffId });
          }
          const servingAt = calledAt + int(0, 3 * MINUTE);
          const finishedAt = servingAt + int(0, 40 * MINUTE) + int(0, 59_999);
          leg = {
            ...leg,
            state,
            windowId: called ? windowId : null,
            staffId: called ? staffId : null,
            servingAt: state === 'serving' || state === 'done' ? servingAt : null,
            finishedAt: ['done', 'no_show', 'cancelled', 'transferred'].includes(state) ? finishedAt : null,
            marks:
              state === 'done'
                ? {
                    proxy: chance(0.2),
                    proxyRelation: null,
                    assistedPayment: chance(0.3),
                    formHelp: false,
                    note: null,
                  }
                : null,
            // 好差评: most finished visitors rate, some leave the pad unanswered, some never rate.
            rating: state === 'done' && chance(0.8) ? pick([...RATING_LEVELS, 'unanswered' as const]) : null,
          };
          input.tickets.push(leg);
          if (state === 'done') {
            input.dones.push({
              ticketId: leg.id,
              windowId: leg.windowId,
              elderlyWindow: pick([true, false, null]),
            });
          }
          if (state !== 'transferred') break;
          enteredAt = finishedAt;
          leg = {
            ...leg,
            id: nextId++,
            serviceId: pick(services).id,
            state: 'waiting',
            servingAt: null,
            finishedAt: null,
            windowId: null,
            staffId: null,
            marks: null,
            transferredFromId: leg.id,
            slotStart: null,
            source: 'transfer',
          };
        }
      }
    }
    for (let d = -1; d <= dayCount; d += 1) {
      // Bookings of each day (a day either side too), in every state.
      const slotDay = businessDay(FIRST_DAY + d * 86_400_000 + 4 * 60 * MINUTE, timezone);
      for (let n = int(0, 5); n > 0; n -= 1) {
        input.appointments.push({
          id: nextId++,
          hallId: h,
          serviceId: pick(services).id,
          slotDay,
          status: pick(['booked', 'checked_in', 'checked_in', 'missed', 'cancelled'] as const),
        });
      }
    }
    for (let v = int(0, 4); v > 0; v -= 1) {
      input.homeVisits.push({
        id: nextId++,
        hallId: h,
        serviceId: pick(services).id,
        // Any time of any day, a day either side of the history too.
        completedAt: FIRST_DAY - 86_400_000 + int(0, (dayCount + 2) * 86_400_000),
        documentDelivered: chance(0.5),
        assistedPayment: chance(0.5),
      });
    }
  }
  return input;
}

export function dayOf(offset: number): string {
  return new Date(FIRST_DAY + offset * 86_400_000).toISOString().slice(0, 10);
}
