// The report computed from a hand-built day of rows; every expected figure is worked out by hand
// in the comments, so a change of definition shows up here.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '@hall/shared/defaults';
import type { FinishMarks, TicketState } from '@hall/shared/contracts/entities';
import { computeReport } from './computeReport';
import type { ReportCallRow, ReportDoneRow, ReportInput, ReportTicketRow } from './reportInput';

const DAY = '2026-05-06';
/** Local time (Asia/Shanghai, UTC+8) on DAY. */
const at = (hh: number, mm: number) => Date.UTC(2026, 4, 6, hh - 8, mm);
const marks = (m: Partial<FinishMarks>): FinishMarks => ({
  proxy: false,
  proxyRelation: null,
  assistedPayment: false,
  formHelp: false,
  note: null,
  ...m,
});

const A = 1;
const B = 2;
const C = 3;
const W1 = 11; // elderly window 1
const W3 = 13;
const W5 = 15;
const WANG = 21;
const LI = 22;

function ticket(
  id: number,
  t: Partial<ReportTicketRow> & { serviceId: number; state: TicketState; issuedAt: number },
): ReportTicketRow {
  return {
    id,
    hallId: 1,
    businessDay: DAY,
    priorityClass: 'normal',
    proxy: false,
    servingAt: null,
    finishedAt: null,
    windowId: null,
    staffId: null,
    marks: null,
    transferredFromId: null,
    slotStart: null,
    source: t.transferredFromId ? 'transfer' : 'kiosk',
    ...t,
  };
}
const call = (ticketId: number, time: number, windowId: number, staffId: number): ReportCallRow => ({
  ticketId,
  at: time,
  windowId,
  staffId,
});
const done = (ticketId: number, windowId: number, elderlyWindow: boolean | null): ReportDoneRow => ({
  ticketId,
  windowId,
  elderlyWindow,
});

function dayInput(): ReportInput {
  return {
    from: DAY,
    to: DAY,
    hallId: 1,
    halls: [
      { id: 1, name: '测试大厅', timezone: 'Asia/Shanghai', priorityClasses: DEFAULT_RULES.priorityClasses },
    ],
    services: [
      { id: A, hallId: 1, code: 'A', nameZh: '出入境证件', category: 'exit_entry' },
      { id: B, hallId: 1, code: 'B', nameZh: '户籍业务', category: 'household' },
      { id: C, hallId: 1, code: 'C', nameZh: '身份证', category: 'id_card' },
    ],
    windows: [
      { id: W1, hallId: 1, number: 1, elderlyDedicated: true },
      { id: W3, hallId: 1, number: 3, elderlyDedicated: false },
      { id: W5, hallId: 1, number: 5, elderlyDedicated: false },
    ],
    staff: [
      { id: WANG, name: '王警官' },
      { id: LI, name: '李警官' },
    ],
    tickets: [
      // 1: elderly, proxy ticket, elderly window, assisted payment. wait 5, service 10.
      ticket(1, {
        serviceId: A,
        priorityClass: 'elderly',
        proxy: true,
        state: 'done',
        issuedAt: at(9, 0),
        servingAt: at(9, 6),
        finishedAt: at(9, 16),
        windowId: W1,
        staffId: WANG,
        marks: marks({ assistedPayment: true }),
        rating: 'very_satisfied',
      }),
      // 2: normal at window 3, done by a relative who also had the fee paid by staff. wait 8, service 8.
      ticket(2, {
        serviceId: A,
        state: 'done',
        issuedAt: at(9, 2),
        servingAt: at(9, 11),
        finishedAt: at(9, 19),
        windowId: W3,
        staffId: LI,
        marks: marks({ proxy: true, proxyRelation: '子女', assistedPayment: true }),
        rating: 'dissatisfied',
      }),
      // 3: elderly, issued at the front desk, served at ordinary window 5 with a proxy mark. wait 10, service 10.
      ticket(3, {
        source: 'desk',
        serviceId: B,
        priorityClass: 'elderly',
        state: 'done',
        issuedAt: at(9, 20),
        servingAt: at(9, 31),
        finishedAt: at(9, 41),
        windowId: W5,
        staffId: LI,
        marks: marks({ proxy: true, proxyRelation: '子女' }),
        rating: 'satisfied',
      }),
      // 4: normal no-show. wait 4.
      ticket(4, {
        serviceId: B,
        state: 'no_show',
        issuedAt: at(10, 0),
        finishedAt: at(10, 6),
        windowId: W5,
        staffId: LI,
      }),
      // 5: cancelled before any call.
      ticket(5, { serviceId: C, state: 'cancelled', issuedAt: at(10, 10), finishedAt: at(10, 12) }),
      // 6: normal, called at window 3 then transferred to B at 10:35. wait 10.
      ticket(6, {
        serviceId: A,
        state: 'transferred',
        issuedAt: at(10, 20),
        finishedAt: at(10, 35),
        windowId: W3,
        staffId: LI,
      }),
      // 7: the transfer leg of 6: entered B's queue 10:35, called 10:45 (wait 10), service 4.
      ticket(7, {
        serviceId: B,
        state: 'done',
        issuedAt: at(10, 20),
        servingAt: at(10, 46),
        finishedAt: at(10, 50),
        windowId: W5,
        staffId: LI,
        marks: marks({}),
        transferredFromId: 6,
        rating: 'unanswered', // the pad asked, nobody answered (未评价)
      }),
      // 8: elderly, first call 10:41 (wait 1), missed, requeued, called again 11:00; service 4; assisted payment.
      ticket(8, {
        serviceId: A,
        priorityClass: 'elderly',
        state: 'done',
        issuedAt: at(10, 40),
        servingAt: at(11, 1),
        finishedAt: at(11, 5),
        windowId: W1,
        staffId: WANG,
        marks: marks({ assistedPayment: true }),
      }),
      // 9: another day: outside the range.
      ticket(9, {
        serviceId: A,
        state: 'done',
        issuedAt: at(33, 0),
        businessDay: '2026-05-07',
        servingAt: at(33, 1),
        finishedAt: at(33, 2),
        windowId: W3,
        staffId: LI,
        rating: 'very_dissatisfied', // outside the range: not counted
      }),
    ],
    calls: [
      call(1, at(9, 5), W1, WANG),
      call(2, at(9, 10), W3, LI),
      call(3, at(9, 30), W5, LI),
      call(4, at(10, 4), W5, LI),
      call(6, at(10, 30), W3, LI),
      call(7, at(10, 45), W5, LI),
      call(8, at(11, 0), W1, WANG),
      call(8, at(10, 41), W1, WANG),
      call(9, at(33, 1), W3, LI),
    ],
    dones: [
      done(1, W1, true),
      done(2, W3, false),
      done(3, W5, null), // not recorded: window 5 is ordinary now
      done(7, W5, false),
      done(8, W1, false), // recorded: window 1 was an ordinary window that day, whatever it is now
    ],
    homeVisits: [
      // 15:00 local on DAY: in range; household; delivered; assisted payment.
      {
        id: 1,
        hallId: 1,
        serviceId: B,
        completedAt: at(15, 0),
        documentDelivered: true,
        assistedPayment: true,
      },
      // 00:30 local on DAY (still the previous day in UTC): in range by the hall's clock.
      {
        id: 2,
        hallId: 1,
        serviceId: A,
        completedAt: Date.UTC(2026, 4, 5, 16, 30),
        documentDelivered: false,
        assistedPayment: false,
      },
      // The next day: outside.
      {
        id: 3,
        hallId: 1,
        serviceId: C,
        completedAt: at(33, 0),
        documentDelivered: true,
        assistedPayment: true,
      },
      // Another hall: outside a one-hall report.
      {
        id: 4,
        hallId: 2,
        serviceId: C,
        completedAt: at(12, 0),
        documentDelivered: true,
        assistedPayment: true,
      },
    ],
    appointments: [],
  };
}

describe('computeReport', () => {
  const report = computeReport(dayInput());

  it('counts visitors once across a transfer, and the final outcomes', () => {
    expect(report.issued).toBe(7); // tickets 1–6 and 8; 7 is 6's transfer leg
    expect(report.issuedAtDesk).toBe(1); // ticket 3
    expect(report.byService.map((r) => r.key)).toContain(String(B));
    expect(report.served).toBe(5); // 1, 2, 3, 7, 8
    expect(report.noShows).toBe(1); // 4 (8 was requeued and served)
    expect(report.cancelled).toBe(1);
    expect(report.transferred).toBe(1);
  });

  it('measures waits from entering the queue to the first call, and service from start to done', () => {
    // waits 5, 8, 10, 4, 10, 10, 1 → average 48/7 = 6.86; nearest-rank p90 = 7th of 7 = 10
    expect(report.wait).toEqual({ count: 7, averageMinutes: 6.9, p90Minutes: 10 });
    // services 10, 8, 10, 4, 4 → average 7.2; p90 = 5th of 5 = 10
    expect(report.service).toEqual({ count: 5, averageMinutes: 7.2, p90Minutes: 10 });
  });

  it('groups by service, window, staff and priority class', () => {
    const row = (rows: typeof report.byService, key: string) => rows.find((r) => r.key === key);
    expect(report.byService.map((r) => r.label)).toEqual(['A 出入境证件', 'B 户籍业务', 'C 身份证']);
    expect(row(report.byService, String(A))).toMatchObject({
      issued: 4,
      served: 3,
      wait: { count: 4, averageMinutes: 6, p90Minutes: 10 },
    });
    // B: tickets 3 and 4, and ticket 7 which is 6's transfer leg: counted apart.
    expect(row(report.byService, String(B))).toMatchObject({
      issued: 2,
      transfersIn: 1,
      served: 2,
      service: { count: 2, averageMinutes: 7, p90Minutes: 10 },
    });
    expect(row(report.byService, String(C))).toMatchObject({
      issued: 1,
      served: 0,
      wait: { count: 0, averageMinutes: null },
    });

    expect(report.byWindow.map((r) => r.label)).toEqual(['1号窗口（老年人专窗）', '3号窗口', '5号窗口']);
    expect(row(report.byWindow, String(W1))).toMatchObject({
      issued: 2,
      served: 2,
      service: { count: 2, averageMinutes: 7 },
    });
    expect(row(report.byWindow, String(W3))).toMatchObject({
      issued: 2,
      served: 1,
      wait: { count: 2, averageMinutes: 9 },
    });
    expect(row(report.byWindow, String(W5))).toMatchObject({ issued: 2, transfersIn: 1, served: 2 });

    expect(row(report.byStaff, String(WANG))).toMatchObject({ label: '王警官', issued: 2, served: 2 });
    expect(row(report.byStaff, String(LI))).toMatchObject({
      label: '李警官',
      issued: 4,
      transfersIn: 1,
      served: 3,
    });

    expect(report.byPriorityClass.map((r) => [r.key, r.label, r.issued, r.served])).toEqual([
      ['normal', '普通', 4, 2],
      ['elderly', '老年人', 3, 3],
    ]);
  });

  it('counts 代办 and 代缴费 for all visitors, per group and per hall', () => {
    expect(report.withProxy).toBe(3); // 1 (ticket flag), 2 and 3 (marks)
    expect(report.withAssistedPayment).toBe(4); // 1, 2, 8 and home visit 1
    const row = (rows: typeof report.byService, key: string) => rows.find((r) => r.key === key);
    expect(row(report.byService, String(A))).toMatchObject({ withProxy: 2, withAssistedPayment: 3 });
    expect(row(report.byWindow, String(W3))).toMatchObject({ withProxy: 1, withAssistedPayment: 1 });
    expect(row(report.byPriorityClass, 'normal')).toMatchObject({ withProxy: 1, withAssistedPayment: 1 });
    expect(report.byHall).toEqual([
      {
        key: '1',
        label: '测试大厅',
        issued: 7,
        transfersIn: 1,
        served: 5,
        withProxy: 3,
        withAssistedPayment: 4,
        wait: report.wait,
        service: report.service,
        satisfaction: report.satisfaction,
      },
    ]);
  });

  it('counts 好差评 per level, 满意率 and participation for every grouping', () => {
    // Served: 1 非常满意, 2 不满意, 3 满意, 7 未评价, 8 not rated; 9 is another day.
    const levels = (vs: number, s: number, d: number) => ({
      very_satisfied: vs,
      satisfied: s,
      basically_satisfied: 0,
      dissatisfied: d,
      very_dissatisfied: 0,
    });
    // rated 3 of 5 served; satisfied 2 of 3 rated.
    expect(report.satisfaction).toEqual({
      rated: 3,
      byLevel: levels(1, 1, 1),
      unanswered: 1,
      satisfactionRate: 0.6667,
      participationRate: 0.6,
    });
    const row = (rows: typeof report.byService, key: string) => rows.find((r) => r.key === key)!.satisfaction;
    // A: 1, 2, 8 served; 1 非常满意, 2 不满意 → 1/2 satisfied, 2/3 took part.
    expect(row(report.byService, String(A))).toMatchObject({
      rated: 2,
      satisfactionRate: 0.5,
      participationRate: 0.6667,
    });
    // B: 3 满意, 7 未评价 → 1/1, 1/2.
    expect(row(report.byService, String(B))).toMatchObject({
      rated: 1,
      unanswered: 1,
      satisfactionRate: 1,
      participationRate: 0.5,
    });
    expect(row(report.byWindow, String(W1))).toMatchObject({
      rated: 1,
      satisfactionRate: 1,
      participationRate: 0.5,
    });
    expect(row(report.byWindow, String(W3))).toMatchObject({
      rated: 1,
      satisfactionRate: 0,
      participationRate: 1,
    });
    expect(row(report.byStaff, String(LI))).toMatchObject({
      rated: 2,
      satisfactionRate: 0.5,
      participationRate: 0.6667,
    });
    expect(row(report.byStaff, String(WANG))).toMatchObject({
      rated: 1,
      satisfactionRate: 1,
      participationRate: 0.5,
    });
    expect(row(report.byPriorityClass, 'elderly')).toEqual(report.elderly.satisfaction);
    // The period's 差评 cases are read from the cases table by the report service, not computed here.
    expect(report.ratingCases.opened).toBe(0);
  });

  it('counts issues per hour of the hall clock', () => {
    expect(report.hourly[9]).toBe(3);
    expect(report.hourly[10]).toBe(4);
    expect(report.hourly.reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('builds the elderly report: categories, windows, proxy, assisted payment, home visits', () => {
    expect(report.elderly).toEqual({
      totalElderlyServices: 5, // 3 in the hall + 2 home visits
      servedInHall: 3,
      byCategory: { exit_entry: 3, household: 2, id_card: 0, residence_permit: 0, other: 0 },
      viaElderlyWindow: 1, // ticket 1 (ticket 8's event says the window was ordinary then)
      viaOrdinaryWindow: 2,
      withProxy: 2, // 1 by ticket flag, 3 by finish mark
      withAssistedPayment: 3, // 1, 8, and home visit 1
      homeVisits: 2,
      homeDeliveries: 1,
      elderlyWait: { count: 3, averageMinutes: 5.3, p90Minutes: 10 }, // 5, 10, 1
      ordinaryWait: { count: 4, averageMinutes: 8, p90Minutes: 10 }, // 8, 4, 10, 10
      // Elderly served 1, 3, 8: 非常满意, 满意, none → 2 rated, both satisfied, 2/3 took part.
      satisfaction: {
        rated: 2,
        byLevel: {
          very_satisfied: 1,
          satisfied: 1,
          basically_satisfied: 0,
          dissatisfied: 0,
          very_dissatisfied: 0,
        },
        unanswered: 0,
        satisfactionRate: 1,
        participationRate: 0.6667,
      },
      // Everyone else served 2, 7: 不满意, 未评价 → 1 rated, none satisfied, 1/2 took part.
      otherSatisfaction: {
        rated: 1,
        byLevel: {
          very_satisfied: 0,
          satisfied: 0,
          basically_satisfied: 0,
          dissatisfied: 1,
          very_dissatisfied: 0,
        },
        unanswered: 1,
        satisfactionRate: 0,
        participationRate: 0.5,
      },
    });
  });

  it('covers every hall when hallId is null, naming the hall in each label', () => {
    const input = dayInput();
    const all = computeReport({
      ...input,
      hallId: null,
      halls: [...input.halls, { id: 2, name: '二号大厅', timezone: 'Asia/Shanghai', priorityClasses: [] }],
    });
    expect(all.elderly.homeVisits).toBe(3); // hall 2's visit counts too
    expect(all.elderly.byCategory.id_card).toBe(1);
    expect(all.byService[0]!.label).toBe('测试大厅 · A 出入境证件');
  });

  it('is empty, not broken, for a day without rows', () => {
    const empty = computeReport({ ...dayInput(), from: '2026-01-01', to: '2026-01-01', homeVisits: [] });
    expect(empty.issued).toBe(0);
    expect(empty.wait).toEqual({ count: 0, averageMinutes: null, p90Minutes: null });
    expect(empty.byService).toEqual([]);
    expect(empty.elderly.totalElderlyServices).toBe(0);
  });
});

describe('computeReport: appointments', () => {
  // A morning of exit-entry (A) with bookings. Tickets 21 and 22 were checked in from bookings
  // 1 and 2; the others walked in.
  const booking = (id: number, status: ReportInput['appointments'][number]['status'], fields = {}) => ({
    id,
    hallId: 1,
    serviceId: A,
    slotDay: DAY,
    status,
    ...fields,
  });
  const input: ReportInput = {
    ...dayInput(),
    homeVisits: [],
    tickets: [
      // Booked 09:30, came early at 09:10, called 09:35: waited 5 (from the slot), 25 in the queue.
      ticket(21, {
        serviceId: A,
        state: 'done',
        issuedAt: at(9, 10),
        slotStart: at(9, 30),
        servingAt: at(9, 36),
        finishedAt: at(9, 40),
        windowId: W3,
        staffId: LI,
      }),
      // Booked 10:00, came late at 10:08 (within the window), called 10:12: waited 4 (from check-in).
      ticket(22, {
        serviceId: A,
        state: 'called',
        issuedAt: at(10, 8),
        slotStart: at(10, 0),
        windowId: W3,
        staffId: LI,
      }),
      // Walk-ins: waited 20, 10 and 1; one never called.
      ticket(23, {
        serviceId: A,
        state: 'done',
        issuedAt: at(9, 0),
        servingAt: at(9, 21),
        finishedAt: at(9, 30),
        windowId: W3,
        staffId: LI,
      }),
      ticket(24, { serviceId: A, state: 'called', issuedAt: at(9, 40), windowId: W3, staffId: LI }),
      ticket(25, {
        serviceId: A,
        priorityClass: 'elderly',
        state: 'called',
        issuedAt: at(9, 45),
        windowId: W1,
        staffId: WANG,
      }),
      ticket(26, { serviceId: A, state: 'waiting', issuedAt: at(11, 0) }),
    ],
    calls: [
      call(21, at(9, 35), W3, LI),
      call(22, at(10, 12), W3, LI),
      call(23, at(9, 20), W3, LI),
      call(24, at(9, 50), W3, LI),
      call(25, at(9, 46), W1, WANG),
    ],
    dones: [done(21, W3, false), done(23, W3, false)],
    appointments: [
      booking(1, 'checked_in'),
      booking(2, 'checked_in'),
      booking(3, 'missed'),
      booking(4, 'cancelled'),
      booking(5, 'booked'),
      // Tomorrow's slot, and another hall's booking: outside this report.
      booking(6, 'checked_in', { slotDay: '2026-05-07' }),
      booking(7, 'missed', { hallId: 2 }),
    ],
  };
  const report = computeReport(input);

  it('counts the bookings of the period by their slot day, and what became of them', () => {
    expect(report.appointments).toMatchObject({ booked: 5, checkedIn: 2, missed: 1, cancelled: 1 });
  });

  it('compares the wait of appointment tickets (from the slot, or check-in if later) with walk-ins', () => {
    // Appointments: 5 and 4 → average 4.5; nearest-rank p90 = 2nd of 2 = 5.
    expect(report.appointments.appointmentWait).toEqual({ count: 2, averageMinutes: 4.5, p90Minutes: 5 });
    // Walk-ins: 20, 10, 1 → 31/3 = 10.3; p90 = 3rd of 3 = 20.
    expect(report.appointments.walkInWait).toEqual({ count: 3, averageMinutes: 10.3, p90Minutes: 20 });
    // The hall's wait stays the time in the queue: 25, 4, 20, 10, 1 → 12; p90 = 25.
    expect(report.wait).toEqual({ count: 5, averageMinutes: 12, p90Minutes: 25 });
    expect(report.issued).toBe(6);
  });

  it('has no appointment figures for a period without bookings', () => {
    const quiet = computeReport({ ...input, from: '2026-05-08', to: '2026-05-08' });
    expect(quiet.appointments).toEqual({
      booked: 0,
      checkedIn: 0,
      missed: 0,
      cancelled: 0,
      appointmentWait: { count: 0, averageMinutes: null, p90Minutes: null },
      walkInWait: { count: 0, averageMinutes: null, p90Minutes: null },
    });
  });
});
