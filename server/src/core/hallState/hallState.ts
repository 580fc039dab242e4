// One hall's hot state, held in memory so a command never re-reads what barely changes: the hall,
// its rules, services and windows, today's live tickets (waiting, called, serving, no-show), the
// recent service times behind the estimates, and the hall version. SQLite stays the truth: every
// mutation happens inside a change, next to the SQL write it mirrors, and records its undo in the
// change's journal so a rolled-back savepoint leaves memory exactly as the database. A restart
// rebuilds it all from the database (loadHallState.ts).
import type { Hall, HallRules, HallWindow, Service } from '@hall/shared/contracts/entities';
import type { StoredTicket } from '../../tickets/ticketRepository';
import type { Journal, StateWrites } from './journal';
import { buildQueuePlans, type QueuePlans } from './queuePlans';

/** How many recent service times per service the estimate averages over. */
export const AVERAGE_OVER = 20;

/** A plan older than this is made again even if nothing changed: who is overdue moves with time. */
export const PLAN_MAX_AGE_MS = 30_000;

/** Tickets the hall screens and consoles still show (the consoles requeue no-shows). */
const LIVE_STATES = new Set(['waiting', 'called', 'serving', 'no_show']);

/** Whether a window's new row changes what the queue plans read of it (planCalls' QueueWindow). */
function changesPlans(was: HallWindow, now: HallWindow): boolean {
  return (
    was.state !== now.state ||
    was.number !== now.number ||
    was.elderlyDedicated !== now.elderlyDedicated ||
    was.normalStreak !== now.normalStreak ||
    was.serviceIds.length !== now.serviceIds.length ||
    was.serviceIds.some((id, i) => now.serviceIds[i] !== id)
  );
}

export interface HallConfigState {
  hall: Hall;
  rules: HallRules;
  services: Service[];
  windows: HallWindow[];
}

export interface HallStateData extends HallConfigState {
  version: number;
  /** halls.generation when loaded (PostgreSQL); 0 on SQLite, where nobody else writes. */
  generation?: number;
  day: string;
  tickets: StoredTicket[];
  /** Per service id, the newest service times first (minutes), at most AVERAGE_OVER. */
  serviceMinutes: Map<number, number[]>;
}

export class HallState {
  readonly hallId: number;
  private current: HallConfigState;
  private versionNow: number;
  /** Batches committed to this hall, as far as this copy knows (PostgreSQL: see core/db/README.md). */
  private generationNow: number;
  private dayNow: string;
  private readonly live = new Map<number, StoredTicket>();
  /** The same tickets indexed the ways commands read them, kept in step by setLive. */
  private readonly waitingByService = new Map<number, Map<number, StoredTicket>>();
  /**
   * Usually one ticket per token, held as itself; only a transfer (the token's second live ticket)
   * makes a list. A busy hall holds tens of thousands of these: a list per ticket cost 80 bytes each.
   */
  private readonly byToken = new Map<string, StoredTicket | StoredTicket[]>();
  private readonly serviceMinutes: Map<number, number[]>;
  /** Returned no-shows still waiting (requeueHold), whose holds each call may shorten. */
  private readonly requeued = new Map<number, StoredTicket>();
  private sortedWindows: HallWindow[] | null = null;
  private journal: Journal | null = null;
  /**
   * Changes to what the queue plans read (tickets, windows, configuration): a plan is current while
   * its stamp is. Only ever counts up, also when a change is undone, so a plan made inside an undone
   * change can never pass for current.
   */
  private stamp = 0;
  private stamps = 0;
  private plans: QueuePlans | null = null;

  constructor(hallId: number, data: HallStateData) {
    this.hallId = hallId;
    this.current = { hall: data.hall, rules: data.rules, services: data.services, windows: data.windows };
    this.versionNow = data.version;
    this.generationNow = data.generation ?? 0;
    this.dayNow = data.day;
    for (const t of [...data.tickets].sort((a, b) => a.id - b.id)) this.setLive(t.id, t);
    this.serviceMinutes = data.serviceMinutes;
  }

  // ---- the change runner lends each change its journal ----

  attach(journal: Journal): void {
    this.journal = journal;
  }

  detach(): void {
    this.journal = null;
  }

  private undoable(undo: () => void): StateWrites {
    if (!this.journal) throw new Error(`hall ${this.hallId}: hot state changed outside a change`);
    this.journal.record(undo);
    return this.journal.writes;
  }

  // ---- reads ----

  get version(): number {
    return this.versionNow;
  }
  get generation(): number {
    return this.generationNow;
  }
  get day(): string {
    return this.dayNow;
  }
  get hall(): Hall {
    return this.current.hall;
  }
  get rules(): HallRules {
    return this.current.rules;
  }
  get services(): readonly Service[] {
    return this.current.services;
  }

  service(id: number): Service | null {
    return this.current.services.find((s) => s.id === id) ?? null;
  }

  /** In window-number order, as every screen lists them. */
  windows(): readonly HallWindow[] {
    this.sortedWindows ??= [...this.current.windows].sort((a, b) => a.number - b.number);
    return this.sortedWindows;
  }

  window(id: number): HallWindow | null {
    return this.current.windows.find((w) => w.id === id) ?? null;
  }

  windowHeldBy(staffId: number): HallWindow | null {
    return this.current.windows.find((w) => w.staffId === staffId) ?? null;
  }

  /** Today's ticket if it is still live (waiting, called, serving or no-show). */
  liveTicket(id: number): StoredTicket | null {
    return this.live.get(id) ?? null;
  }

  /** Today's live tickets in id (issue) order. */
  liveTickets(): StoredTicket[] {
    return [...this.live.values()].sort((a, b) => a.id - b.id);
  }

  waitingTickets(): StoredTicket[] {
    const waiting: StoredTicket[] = [];
    for (const service of this.waitingByService.values()) waiting.push(...service.values());
    return waiting;
  }

  /** One service's waiting tickets, without copying them (per issue, per status page). */
  waitingOf(serviceId: number): Iterable<StoredTicket> {
    return this.waitingByService.get(serviceId)?.values() ?? [];
  }

  waitingCount(serviceId: number): number {
    return this.waitingByService.get(serviceId)?.size ?? 0;
  }

  /** Returned no-shows waiting for their places (few: read on every call). */
  requeuedWaiting(): Iterable<StoredTicket> {
    return this.requeued.values();
  }

  /**
   * The queue plans (shared/queue/callPlan.ts) of the hall as it is now: made again only when the
   * queue, the windows or the rules changed, or after PLAN_MAX_AGE_MS (who is overdue moves with
   * the clock).
   */
  queuePlans(now: number): QueuePlans {
    if (!this.plans || this.plans.stamp !== this.stamp || now - this.plans.madeAt > PLAN_MAX_AGE_MS) {
      this.plans = buildQueuePlans(this.stamp, now, this.windows(), () => this.waitingTickets(), this.rules);
    }
    return this.plans;
  }

  /** The newest live ticket carrying this status token (a transfer keeps the visitor's token). */
  liveTicketByToken(token: string): StoredTicket | null {
    const held = this.byToken.get(token);
    if (!Array.isArray(held)) return held ?? null;
    let found: StoredTicket | null = null;
    for (const t of held) if (!found || t.id > found.id) found = t;
    return found;
  }

  /** Rolling average service minutes (the service's typical time until three visits are known). */
  averageMinutes(serviceId: number): number {
    const service = this.service(serviceId);
    const minutes = this.serviceMinutes.get(serviceId) ?? [];
    if (minutes.length < 3) return service?.typicalMinutes ?? 1;
    const sum = minutes.reduce((acc, m) => acc + m, 0);
    return Math.max(1, Math.round((sum / minutes.length) * 10) / 10);
  }

  // ---- writes (inside a change only) ----

  /** The version the next delta brings the hall to. */
  nextVersion(): number {
    const before = this.versionNow;
    this.undoable(() => (this.versionNow = before));
    this.versionNow = before + 1;
    return this.versionNow;
  }

  /** Mirrors a ticket row just written: kept while live today, dropped once it leaves. */
  putTicket(ticket: StoredTicket): void {
    if (ticket.hallId !== this.hallId || ticket.businessDay !== this.dayNow) return;
    const before = this.live.get(ticket.id);
    this.undoable(() => this.setLive(ticket.id, before)).tickets.set(ticket.id, ticket);
    // A ticket just taken joins the current plans in place (callPlan.addNewcomer; a priority one
    // re-plans only from its turn on), so a burst of issues does not make the plans again for
    // every ticket.
    // The plans read only waiting tickets: a ticket starting or finishing its visit leaves them be.
    if (before?.state === 'waiting' || ticket.state === 'waiting') {
      const current = this.plans !== null && this.plans.stamp === this.stamp;
      const joined =
        current && before === undefined && ticket.state === 'waiting' && this.plans!.addNewcomer(ticket);
      this.queueChanged(joined);
    }
    this.mirrorTicket(ticket);
  }

  putWindow(window: HallWindow): void {
    const before = this.current;
    const was = this.window(window.id);
    this.undoable(() => this.setConfig(before)).windows.set(window.id, window);
    // Which ticket a window holds or who staffs it is not what the plans read.
    if (!was || changesPlans(was, window)) this.queueChanged(false);
    this.mirrorWindow(window);
  }

  /** A new stamp for the queue; the plans keep up when `plansUpdated` (they took the change in place). */
  private queueChanged(plansUpdated: boolean): void {
    const touched = plansUpdated ? this.plans : null;
    this.undoable(() => {
      this.stamp = ++this.stamps;
      // Plans changed in place by an undone change no longer match anything.
      if (touched && this.plans === touched) this.plans = null;
    });
    this.stamp = ++this.stamps;
    if (touched) touched.stamp = this.stamp;
  }

  recordServiceMinutes(serviceId: number, minutes: number): void {
    const before = this.serviceMinutes.get(serviceId);
    this.undoable(() => {
      if (before) this.serviceMinutes.set(serviceId, before);
      else this.serviceMinutes.delete(serviceId);
    }).minutes.push([serviceId, minutes]);
    this.mirrorMinutes(serviceId, minutes);
  }

  /** After an admin change: the configuration as the database now holds it. */
  replaceConfig(config: HallConfigState): void {
    const before = this.current;
    this.undoable(() => this.setConfig(before)).config = true;
    this.queueChanged(false);
    this.setConfig(config);
  }

  // ---- another server process committed to this hall (PostgreSQL) ----

  /**
   * Applies what another process's committed batch wrote (its change-log row), bringing this copy
   * to that batch's version and generation. `config`: the configuration re-read, when it changed.
   */
  applyCommitted(
    writes: Pick<StateWrites, 'minutes'> & {
      tickets: readonly StoredTicket[];
      windows: readonly HallWindow[];
    },
    version: number,
    generation: number,
    config: HallConfigState | null,
  ): void {
    if (config) this.setConfig(config);
    for (const ticket of writes.tickets) this.mirrorTicket(ticket);
    for (const window of writes.windows) this.mirrorWindow(window);
    for (const [serviceId, minutes] of writes.minutes) this.mirrorMinutes(serviceId, minutes);
    this.versionNow = version;
    this.generationNow = generation;
    // The queue changed under the plans (outside any change of this process: nothing to undo).
    this.stamp = ++this.stamps;
  }

  /** This process committed batch `generation` (its own writes are already here). */
  committedAs(generation: number): void {
    this.generationNow = generation;
  }

  private mirrorTicket(ticket: StoredTicket): void {
    if (ticket.hallId !== this.hallId || ticket.businessDay !== this.dayNow) return;
    this.setLive(ticket.id, LIVE_STATES.has(ticket.state) ? ticket : undefined);
  }

  private mirrorWindow(window: HallWindow): void {
    const current = this.current;
    this.setConfig({ ...current, windows: current.windows.map((w) => (w.id === window.id ? window : w)) });
  }

  private mirrorMinutes(serviceId: number, minutes: number): void {
    const before = this.serviceMinutes.get(serviceId);
    this.serviceMinutes.set(serviceId, [minutes, ...(before ?? [])].slice(0, AVERAGE_OVER));
  }

  /**
   * A new business day: yesterday's live tickets are no longer today's queue. Also allowed outside
   * a change (the first read after midnight): it only re-reads what the database holds.
   */
  startDay(day: string, tickets: readonly StoredTicket[]): void {
    const beforeDay = this.dayNow;
    const beforeLive = [...this.live.values()];
    this.journal?.record(() => {
      this.dayNow = beforeDay;
      this.stamp = ++this.stamps;
      this.replaceLive(beforeLive);
    });
    this.dayNow = day;
    this.stamp = ++this.stamps;
    this.replaceLive([...tickets].sort((a, b) => a.id - b.id));
  }

  private replaceLive(tickets: readonly StoredTicket[]): void {
    for (const id of [...this.live.keys()]) this.setLive(id, undefined);
    for (const t of tickets) this.setLive(t.id, t);
  }

  /** The one place live tickets change: the map and its indexes move together. */
  private setLive(id: number, ticket: StoredTicket | undefined): void {
    const previous = this.live.get(id);
    if (previous) {
      this.waitingByService.get(previous.serviceId)?.delete(id);
      this.requeued.delete(id);
      const held = this.byToken.get(previous.statusToken);
      const others = (Array.isArray(held) ? held : held ? [held] : []).filter((t) => t.id !== id);
      if (others.length === 0) this.byToken.delete(previous.statusToken);
      else this.byToken.set(previous.statusToken, others.length === 1 ? others[0]! : others);
    }
    if (!ticket) {
      this.live.delete(id);
      return;
    }
    this.live.set(id, ticket);
    if (ticket.state === 'waiting') {
      let service = this.waitingByService.get(ticket.serviceId);
      if (!service) this.waitingByService.set(ticket.serviceId, (service = new Map()));
      service.set(id, ticket);
      if (ticket.requeueHold) this.requeued.set(id, ticket);
    }
    const held = this.byToken.get(ticket.statusToken);
    if (!held) this.byToken.set(ticket.statusToken, ticket);
    else if (Array.isArray(held)) held.push(ticket);
    else this.byToken.set(ticket.statusToken, [held, ticket]);
  }

  private setConfig(config: HallConfigState): void {
    this.current = config;
    this.sortedWindows = null;
  }
}
