// The hall report as a pure function of its rows. What counts, precisely:
//
// - A *visitor* is one chain of tickets linked by transfers (a transfer closes one ticket and opens
//   a waiting "leg" for another service). Each leg is a *queue entry*.
// - issued      = visitors whose first ticket's business day is in range (a transfer counts once).
// - served      = legs finished `done` (a chain ends at most once, so each visitor at most once).
// - noShows     = legs whose final state is `no_show` (a requeued no-show that was served later is
//                 not a no-show: it was served).
// - cancelled   = legs whose final state is `cancelled`.
// - transferred = legs closed by a transfer (each transfer once).
// - wait        = per queue entry, from entering the queue (issue, or the transfer into it) to its
//                 first call (recalls do not restart it); entries never called have no wait.
// - service     = per `done` leg, from "start serving" to "done".
// - byService / byPriorityClass: `issued` counts queue entries of that service / visitors of that
//   class; byWindow / byStaff: `issued` counts entries first called at that window / by that person.
// - hourly      = visitors issued per hour of the day in their hall's time zone.
// - Elderly report: an elderly visitor holds a ticket of priority class 'elderly' (green channel).
//   servedInHall = elderly `done` legs; byCategory adds completed home visits by their service's
//   category, so it sums to totalElderlyServices = servedInHall + homeVisits. viaElderlyWindow uses
//   the window's elderly flag recorded on the `done` event (the current window setting when the
//   event predates that field). withProxy = ticket proxy flag or finish mark; withAssistedPayment =
//   finish mark plus completed home visits with assisted payment; homeVisits = visits completed on a
//   day in range; homeDeliveries = those that delivered the document (送证上门).
//   elderlyWait / ordinaryWait compare queue entries of class 'elderly' with class 'normal'.
import type { DurationStats, ElderlyReport, HallReport, ReportGroupRow } from '@hall/shared/contracts/admin';
import {
  ELDERLY_CLASS,
  NORMAL_CLASS,
  SERVICE_CATEGORIES,
  type ServiceCategory,
} from '@hall/shared/contracts/entities';
import { businessDay, hourInZone } from '@hall/shared/hallTime';
import { durationStats } from './durationStats';
import type { ReportCallRow, ReportInput, ReportTicketRow } from './reportInput';

interface Leg {
  ticket: ReportTicketRow;
  firstCall: ReportCallRow | null;
  waitMs: number | null;
  serviceMs: number | null;
}

interface GroupAccumulator {
  key: string;
  label: string;
  issued: number;
  served: number;
  waits: number[];
  services: number[];
}

const inRange = (day: string, from: string, to: string): boolean => day >= from && day <= to;

function emptyCategories(): Record<ServiceCategory, number> {
  return Object.fromEntries(SERVICE_CATEGORIES.map((c) => [c, 0])) as Record<ServiceCategory, number>;
}

class Groups {
  private readonly rows = new Map<string, GroupAccumulator>();
  constructor(private readonly labelOf: (key: string) => string) {}

  get(key: string): GroupAccumulator {
    let row = this.rows.get(key);
    if (!row) {
      row = { key, label: this.labelOf(key), issued: 0, served: 0, waits: [], services: [] };
      this.rows.set(key, row);
    }
    return row;
  }

  result(order: (a: GroupAccumulator, b: GroupAccumulator) => number): ReportGroupRow[] {
    return [...this.rows.values()].sort(order).map((r) => ({
      key: r.key,
      label: r.label,
      issued: r.issued,
      served: r.served,
      wait: durationStats(r.waits),
      service: durationStats(r.services),
    }));
  }
}

export function computeReport(input: ReportInput): HallReport {
  const hallById = new Map(input.halls.map((h) => [h.id, h]));
  const serviceById = new Map(input.services.map((s) => [s.id, s]));
  const windowById = new Map(input.windows.map((w) => [w.id, w]));
  const staffById = new Map(input.staff.map((s) => [s.id, s]));
  const manyHalls = input.halls.length > 1;
  const withHall = (hallId: number, label: string): string =>
    manyHalls ? `${hallById.get(hallId)?.name ?? hallId} · ${label}` : label;

  const tickets = input.tickets.filter(
    (t) =>
      inRange(t.businessDay, input.from, input.to) && (input.hallId === null || t.hallId === input.hallId),
  );
  const ticketById = new Map(tickets.map((t) => [t.id, t]));

  const firstCallOf = new Map<number, ReportCallRow>();
  for (const call of input.calls) {
    const seen = firstCallOf.get(call.ticketId);
    if (!seen || call.at < seen.at) firstCallOf.set(call.ticketId, call);
  }
  const doneOf = new Map(input.dones.map((d) => [d.ticketId, d]));

  const legs: Leg[] = tickets.map((ticket) => {
    const parent = ticket.transferredFromId !== null ? ticketById.get(ticket.transferredFromId) : undefined;
    // A transfer leg enters its queue when the previous leg was closed by the transfer.
    const enteredAt =
      ticket.transferredFromId !== null ? (parent?.finishedAt ?? ticket.issuedAt) : ticket.issuedAt;
    const firstCall = firstCallOf.get(ticket.id) ?? null;
    const serviceMs =
      ticket.state === 'done' && ticket.servingAt !== null && ticket.finishedAt !== null
        ? ticket.finishedAt - ticket.servingAt
        : null;
    return {
      ticket,
      firstCall,
      waitMs: firstCall ? Math.max(0, firstCall.at - enteredAt) : null,
      serviceMs,
    };
  });

  const byService = new Groups((key) => {
    const s = serviceById.get(Number(key));
    return s ? withHall(s.hallId, `${s.code} ${s.nameZh}`) : key;
  });
  const byWindow = new Groups((key) => {
    const w = windowById.get(Number(key));
    return w ? withHall(w.hallId, `${w.number}号窗口${w.elderlyDedicated ? '（老年人专窗）' : ''}`) : key;
  });
  const byStaff = new Groups((key) => staffById.get(Number(key))?.name ?? key);
  const classNames = new Map<string, string>([[NORMAL_CLASS, '普通']]);
  for (const hall of input.halls) {
    for (const c of hall.priorityClasses) if (!classNames.has(c.id)) classNames.set(c.id, c.nameZh);
  }
  const byClass = new Groups((key) => classNames.get(key) ?? key);

  const hourly = Array.from({ length: 24 }, () => 0);
  const waits: number[] = [];
  const services: number[] = [];
  const elderlyWaits: number[] = [];
  const ordinaryWaits: number[] = [];
  let issued = 0;
  let served = 0;
  let noShows = 0;
  let cancelled = 0;
  let transferred = 0;

  const elderly: Omit<ElderlyReport, 'elderlyWait' | 'ordinaryWait'> = {
    totalElderlyServices: 0,
    servedInHall: 0,
    byCategory: emptyCategories(),
    viaElderlyWindow: 0,
    viaOrdinaryWindow: 0,
    withProxy: 0,
    withAssistedPayment: 0,
    homeVisits: 0,
    homeDeliveries: 0,
  };

  for (const leg of legs) {
    const t = leg.ticket;
    const isVisitor = t.transferredFromId === null;
    const serviceGroup = byService.get(String(t.serviceId));
    const classGroup = byClass.get(t.priorityClass);
    serviceGroup.issued += 1;
    if (isVisitor) {
      issued += 1;
      classGroup.issued += 1;
      const hall = hallById.get(t.hallId);
      hourly[hourInZone(t.issuedAt, hall?.timezone ?? 'Asia/Shanghai')]! += 1;
    }

    if (leg.waitMs !== null && leg.firstCall) {
      waits.push(leg.waitMs);
      serviceGroup.waits.push(leg.waitMs);
      classGroup.waits.push(leg.waitMs);
      if (leg.firstCall.windowId !== null) {
        const g = byWindow.get(String(leg.firstCall.windowId));
        g.issued += 1;
        g.waits.push(leg.waitMs);
      }
      if (leg.firstCall.staffId !== null) {
        const g = byStaff.get(String(leg.firstCall.staffId));
        g.issued += 1;
        g.waits.push(leg.waitMs);
      }
      if (t.priorityClass === ELDERLY_CLASS) elderlyWaits.push(leg.waitMs);
      if (t.priorityClass === NORMAL_CLASS) ordinaryWaits.push(leg.waitMs);
    }

    if (t.state === 'no_show') noShows += 1;
    if (t.state === 'cancelled') cancelled += 1;
    if (t.state === 'transferred') transferred += 1;
    if (t.state !== 'done') continue;

    served += 1;
    serviceGroup.served += 1;
    classGroup.served += 1;
    const windowGroup = t.windowId !== null ? byWindow.get(String(t.windowId)) : null;
    const staffGroup = t.staffId !== null ? byStaff.get(String(t.staffId)) : null;
    if (windowGroup) windowGroup.served += 1;
    if (staffGroup) staffGroup.served += 1;
    if (leg.serviceMs !== null) {
      services.push(leg.serviceMs);
      serviceGroup.services.push(leg.serviceMs);
      classGroup.services.push(leg.serviceMs);
      windowGroup?.services.push(leg.serviceMs);
      staffGroup?.services.push(leg.serviceMs);
    }

    if (t.priorityClass !== ELDERLY_CLASS) continue;
    elderly.servedInHall += 1;
    const category = serviceById.get(t.serviceId)?.category ?? 'other';
    elderly.byCategory[category] += 1;
    const recorded = doneOf.get(t.id)?.elderlyWindow;
    const atElderlyWindow =
      typeof recorded === 'boolean'
        ? recorded
        : t.windowId !== null && windowById.get(t.windowId)?.elderlyDedicated === true;
    if (atElderlyWindow) elderly.viaElderlyWindow += 1;
    else elderly.viaOrdinaryWindow += 1;
    if (t.proxy || t.marks?.proxy === true) elderly.withProxy += 1;
    if (t.marks?.assistedPayment === true) elderly.withAssistedPayment += 1;
  }

  for (const visit of input.homeVisits) {
    if (input.hallId !== null && visit.hallId !== input.hallId) continue;
    const hall = hallById.get(visit.hallId);
    if (!hall || !inRange(businessDay(visit.completedAt, hall.timezone), input.from, input.to)) continue;
    elderly.homeVisits += 1;
    if (visit.documentDelivered) elderly.homeDeliveries += 1;
    if (visit.assistedPayment) elderly.withAssistedPayment += 1;
    elderly.byCategory[serviceById.get(visit.serviceId)?.category ?? 'other'] += 1;
  }
  elderly.totalElderlyServices = elderly.servedInHall + elderly.homeVisits;

  const byKeyNumber = (a: { key: string }, b: { key: string }) => Number(a.key) - Number(b.key);
  const serviceOrder = (a: { key: string }, b: { key: string }) => {
    const sa = serviceById.get(Number(a.key));
    const sb = serviceById.get(Number(b.key));
    return (
      (sa?.hallId ?? 0) - (sb?.hallId ?? 0) ||
      (sa?.code ?? '').localeCompare(sb?.code ?? '') ||
      byKeyNumber(a, b)
    );
  };
  const windowOrder = (a: { key: string }, b: { key: string }) => {
    const wa = windowById.get(Number(a.key));
    const wb = windowById.get(Number(b.key));
    return (
      (wa?.hallId ?? 0) - (wb?.hallId ?? 0) || (wa?.number ?? 0) - (wb?.number ?? 0) || byKeyNumber(a, b)
    );
  };
  const classOrder = (a: { key: string }, b: { key: string }) =>
    (a.key === NORMAL_CLASS ? -1 : 0) - (b.key === NORMAL_CLASS ? -1 : 0) || a.key.localeCompare(b.key);

  const elderlyWait: DurationStats = durationStats(elderlyWaits);
  return {
    from: input.from,
    to: input.to,
    hallId: input.hallId,
    issued,
    served,
    noShows,
    cancelled,
    transferred,
    wait: durationStats(waits),
    service: durationStats(services),
    byService: byService.result(serviceOrder),
    byWindow: byWindow.result(windowOrder),
    byStaff: byStaff.result((a, b) => a.label.localeCompare(b.label, 'zh-CN') || byKeyNumber(a, b)),
    byPriorityClass: byClass.result(classOrder),
    hourly,
    elderly: { ...elderly, elderlyWait, ordinaryWait: durationStats(ordinaryWaits) },
  };
}
