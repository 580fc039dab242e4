// Turns complete groups (one hall, kind and key each; from the straight computation or from merged
// rollup days) into the HallReport: labels, ordering, the hall totals, the elderly section. Groups
// may arrive one at a time: each service, window and staff group becomes its row at once and its
// durations are dropped, so a city report keeps only the hall totals and the classes in memory.
import type {
  AppointmentReport,
  ElderlyReport,
  HallReport,
  ReportGroupRow,
} from '@hall/shared/contracts/admin';
import {
  ELDERLY_CLASS,
  NORMAL_CLASS,
  SERVICE_CATEGORIES,
  type ServiceCategory,
} from '@hall/shared/contracts/entities';
import type { GroupFigures, KeyedGroup } from './figures/groupFigures';
import { counterDifference, satisfactionOf } from './figures/satisfaction';
import type { ReportHall, ReportService, ReportStaff, ReportWindow } from './reportInput';

export interface ReportLookups {
  halls: ReportHall[];
  services: ReportService[];
  windows: ReportWindow[];
  staff: ReportStaff[];
}

export interface ReportPeriod {
  from: string;
  to: string;
  hallId: number | null;
}

interface SortableRow {
  row: ReportGroupRow;
  order: [number, number | string, number];
}

function groupRow<F extends GroupFigures<F>>(key: string, label: string, f: F): ReportGroupRow {
  const c = f.counters;
  return {
    key,
    label,
    issued: c.tickets,
    transfersIn: c.transfersIn,
    served: c.served,
    withProxy: c.withProxy,
    withAssistedPayment: c.withAssistedPayment,
    wait: f.waitStats(),
    service: f.serviceStats(),
    satisfaction: satisfactionOf(c),
  };
}

const byOrder = (a: SortableRow, b: SortableRow): number =>
  a.order[0] - b.order[0] ||
  (typeof a.order[1] === 'number' && typeof b.order[1] === 'number'
    ? a.order[1] - b.order[1]
    : String(a.order[1]).localeCompare(String(b.order[1]))) ||
  a.order[2] - b.order[2];

export class ReportAssembler<F extends GroupFigures<F>> {
  private readonly hallById: Map<number, ReportHall>;
  private readonly serviceById: Map<number, ReportService>;
  private readonly windowById: Map<number, ReportWindow>;
  private readonly staffById: Map<number, ReportStaff>;
  private readonly classNames = new Map<string, string>([[NORMAL_CLASS, '普通']]);
  private readonly manyHalls: boolean;
  private readonly hallsSeen = new Set<number>();

  private readonly total: F;
  private readonly classes = new Map<string, F>();
  /** 'appointment' and 'walk_in', merged across halls. */
  private readonly arrivals = new Map<string, F>();
  private readonly hourly = Array.from({ length: 24 }, () => 0);
  private readonly byCategory = Object.fromEntries(SERVICE_CATEGORIES.map((c) => [c, 0])) as Record<
    ServiceCategory,
    number
  >;
  private unrecordedElderlyWindow = 0;
  private unrecordedOrdinaryWindow = 0;
  private readonly rows = {
    hall: [] as SortableRow[],
    service: [] as SortableRow[],
    window: [] as SortableRow[],
    staff: [] as SortableRow[],
  };

  constructor(
    lookups: ReportLookups,
    private readonly create: () => F,
  ) {
    this.hallById = new Map(lookups.halls.map((h) => [h.id, h]));
    this.serviceById = new Map(lookups.services.map((s) => [s.id, s]));
    this.windowById = new Map(lookups.windows.map((w) => [w.id, w]));
    this.staffById = new Map(lookups.staff.map((s) => [s.id, s]));
    for (const hall of lookups.halls) {
      for (const c of hall.priorityClasses)
        if (!this.classNames.has(c.id)) this.classNames.set(c.id, c.nameZh);
    }
    this.manyHalls = lookups.halls.length > 1;
    this.total = create();
  }

  private withHall(hallId: number, label: string): string {
    return this.manyHalls ? `${this.hallById.get(hallId)?.name ?? hallId} · ${label}` : label;
  }

  /** One complete group: every day of it, merged. Call once per (hall, kind, key). */
  add(group: KeyedGroup<F>): void {
    const { hallId, kind, key, figures } = group;
    const id = Number(key);
    switch (kind) {
      case 'hall': {
        this.total.merge(figures);
        this.hallsSeen.add(hallId);
        const label = this.hallById.get(hallId)?.name ?? String(hallId);
        this.rows.hall.push({ row: groupRow(String(hallId), label, figures), order: [hallId, 0, 0] });
        return;
      }
      case 'service': {
        const s = this.serviceById.get(id);
        const category = s?.category ?? 'other';
        this.byCategory[category] += figures.counters.elderlyServed;
        const label = s ? this.withHall(s.hallId, `${s.code} ${s.nameZh}`) : key;
        this.rows.service.push({
          row: groupRow(key, label, figures),
          order: [s?.hallId ?? 0, s?.code ?? '', id],
        });
        return;
      }
      case 'window': {
        const w = this.windowById.get(id);
        const unrecorded = figures.counters.elderlyWindowUnrecorded;
        if (w?.elderlyDedicated === true) this.unrecordedElderlyWindow += unrecorded;
        else this.unrecordedOrdinaryWindow += unrecorded;
        const label = w
          ? this.withHall(w.hallId, `${w.number}号窗口${w.elderlyDedicated ? '（老年人专窗）' : ''}`)
          : key;
        this.rows.window.push({
          row: groupRow(key, label, figures),
          order: [w?.hallId ?? 0, w?.number ?? 0, id],
        });
        return;
      }
      case 'staff': {
        const label = this.staffById.get(id)?.name ?? key;
        this.rows.staff.push({ row: groupRow(key, label, figures), order: [0, label, id] });
        return;
      }
      case 'class':
        this.mergeInto(this.classes, key, figures);
        return;
      case 'arrival':
        this.mergeInto(this.arrivals, key, figures);
        return;
      case 'hour':
        this.hourly[id]! += figures.counters.tickets;
        return;
      case 'home_visit':
        this.byCategory[this.serviceById.get(id)?.category ?? 'other'] += figures.counters.homeVisits;
        return;
    }
  }

  private mergeInto(groups: Map<string, F>, key: string, figures: F): void {
    const merged = groups.get(key);
    if (merged) merged.merge(figures);
    else {
      const fresh = this.create();
      fresh.merge(figures);
      groups.set(key, fresh);
    }
  }

  finish(period: ReportPeriod): HallReport {
    const c = this.total.counters;
    const classRows = [...this.classes.entries()]
      .map(([key, f]) => groupRow(key, this.classNames.get(key) ?? key, f))
      .sort(
        (a, b) =>
          (a.key === NORMAL_CLASS ? -1 : 0) - (b.key === NORMAL_CLASS ? -1 : 0) || a.key.localeCompare(b.key),
      );
    const none = this.create();
    // Every hall covered has its row, a quiet one too: a city view lists all of them.
    for (const hall of this.hallById.values()) {
      if (!this.hallsSeen.has(hall.id))
        this.rows.hall.push({ row: groupRow(String(hall.id), hall.name, none), order: [hall.id, 0, 0] });
    }
    const elderly: ElderlyReport = {
      totalElderlyServices: c.elderlyServed + c.homeVisits,
      servedInHall: c.elderlyServed,
      byCategory: { ...this.byCategory },
      viaElderlyWindow: c.elderlyViaElderlyWindow + this.unrecordedElderlyWindow,
      viaOrdinaryWindow: c.elderlyViaOrdinaryWindow + this.unrecordedOrdinaryWindow,
      withProxy: c.elderlyWithProxy,
      withAssistedPayment: c.elderlyWithAssistedPayment + c.homeVisitsWithAssistedPayment,
      homeVisits: c.homeVisits,
      homeDeliveries: c.homeDeliveries,
      elderlyWait: (this.classes.get(ELDERLY_CLASS) ?? none).waitStats(),
      ordinaryWait: (this.classes.get(NORMAL_CLASS) ?? none).waitStats(),
      satisfaction: satisfactionOf((this.classes.get(ELDERLY_CLASS) ?? none).counters),
      otherSatisfaction: satisfactionOf(
        counterDifference(c, (this.classes.get(ELDERLY_CLASS) ?? none).counters),
      ),
    };
    const appointments: AppointmentReport = {
      booked: c.appointmentsBooked,
      checkedIn: c.appointmentsCheckedIn,
      missed: c.appointmentsMissed,
      cancelled: c.appointmentsCancelled,
      appointmentWait: (this.arrivals.get('appointment') ?? none).waitStats(),
      walkInWait: (this.arrivals.get('walk_in') ?? none).waitStats(),
    };
    const sorted = (rows: SortableRow[]) => [...rows].sort(byOrder).map((r) => r.row);
    return {
      from: period.from,
      to: period.to,
      hallId: period.hallId,
      issued: c.tickets,
      issuedAtDesk: c.issuedAtDesk,
      served: c.served,
      noShows: c.noShows,
      cancelled: c.cancelled,
      transferred: c.transferred,
      withProxy: c.withProxy,
      withAssistedPayment: c.withAssistedPayment,
      wait: this.total.waitStats(),
      service: this.total.serviceStats(),
      satisfaction: satisfactionOf(c),
      // Case statuses change after the day: the report service fills them in from the cases table.
      ratingCases: { opened: 0, open: 0, verified: 0, rectified: 0, closed: 0, overdue: 0 },
      byHall: sorted(this.rows.hall),
      byService: sorted(this.rows.service),
      byWindow: sorted(this.rows.window),
      byStaff: [...this.rows.staff]
        .sort((a, b) => a.row.label.localeCompare(b.row.label, 'zh-CN') || a.order[2] - b.order[2])
        .map((r) => r.row),
      byPriorityClass: classRows,
      hourly: [...this.hourly],
      elderly,
      appointments,
    };
  }
}
