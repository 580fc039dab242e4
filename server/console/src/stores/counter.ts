// The window this staff member holds and the ticket at it. Every action goes to the server and
// the store believes only the answer; after a lost answer or a reconnect it asks `counter:current`
// so a console that dropped right after call-next still learns which ticket it got.
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { FinishMarks, HallWindow, Id, TicketView, WindowStats } from '@hall/shared/contracts/entities';
import type { HallDelta } from '@hall/shared/contracts/frames';
import type { HallConnection } from '@hall/shared/client/hallConnection';
import { command as request, type ConsoleResult } from '../net/link';
import { endsSession, type ConsoleError } from '../logic/consoleError';
import { visitorFigures, waitingOrderFor, type WaitingEntry } from '../logic/waitingOrder';
import { availability, type Availability, type CounterAction } from '../logic/counterActions';
import { useHallStore } from './hall';
import { useClockStore } from './clock';
import { useMessagesStore } from './messages';
import { useSessionStore } from './session';

const NO_SHOW_KEY = 'hallConsole.recentNoShows';
const NO_SHOW_LIMIT = 8;

function readNoShows(): TicketView[] {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(NO_SHOW_KEY) ?? '[]') as TicketView[];
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

export const useCounterStore = defineStore('counter', () => {
  const hall = useHallStore();
  const clock = useClockStore();
  const messages = useMessagesStore();
  const session = useSessionStore();

  const windowId = ref<Id | null>(null);
  /** The window as the last command answered it, used until the snapshot knows it. */
  const answeredWindow = ref<HallWindow | null>(null);
  const ticket = ref<TicketView | null>(null);
  const stats = ref<WindowStats | null>(null);
  /** This window's recent no-shows, newest first: the candidates for requeue. */
  const recentNoShows = ref<TicketView[]>(readNoShows());
  const busy = ref<string | null>(null);
  let inFlight: Promise<void> | null = null;
  const connected = ref(false);
  /** True once `counter:current` has answered since sign-in (the window question is settled). */
  const loaded = ref(false);

  const window = computed<HallWindow | null>(() => hall.windowById(windowId.value) ?? answeredWindow.value);

  // What each visitor is told, from the whole hall's plan: made again when the hall changes, and
  // once a minute for the clock (who is overdue), not every second.
  const figures = computed(() => {
    const snap = hall.snapshot;
    return snap ? visitorFigures(snap, Math.floor(clock.now / 60_000) * 60_000) : new Map();
  });
  const waiting = computed<WaitingEntry[]>(() => {
    const snap = hall.snapshot;
    if (!snap || !window.value) return [];
    return waitingOrderFor(window.value, snap.activeTickets, snap.rules, clock.now).map((entry) => ({
      ...entry,
      figures: figures.value.get(entry.ticket.id),
    }));
  });

  // The window's current ticket changed without this console asking (the same account acting from
  // another tab, or an admin): re-read rather than show a ticket the window no longer holds.
  watch(
    () => window.value?.currentTicketId ?? null,
    (heldId) => {
      if (busy.value === null && connected.value && heldId !== (ticket.value?.id ?? null))
        void refreshCurrent();
    },
  );

  function can(action: CounterAction): Availability {
    return availability(action, {
      connected: connected.value,
      windowState: window.value?.state ?? null,
      ticket: ticket.value,
      waitingCount: waiting.value.length,
      noShowCount: recentNoShows.value.length,
      busy: busy.value !== null,
    });
  }

  function saveNoShows(list: TicketView[]): void {
    recentNoShows.value = list.slice(0, NO_SHOW_LIMIT);
    sessionStorage.setItem(NO_SHOW_KEY, JSON.stringify(recentNoShows.value));
  }

  function rememberNoShow(t: TicketView): void {
    saveNoShows([t, ...recentNoShows.value.filter((n) => n.id !== t.id)]);
  }

  function forgetNoShow(id: Id): void {
    if (recentNoShows.value.some((n) => n.id === id))
      saveNoShows(recentNoShows.value.filter((n) => n.id !== id));
  }

  /** Keeps the held ticket in step with what other parts of the system do to it. */
  function track(t: TicketView): void {
    if (ticket.value?.id === t.id) {
      ticket.value = t.state === 'called' || t.state === 'serving' ? t : null;
    }
    if (t.state === 'no_show' && t.windowId !== null && t.windowId === windowId.value) rememberNoShow(t);
    else if (t.state !== 'no_show') forgetNoShow(t.id);
  }

  function fail(error: ConsoleError): void {
    // An answer that arrives after the session ended (the socket was closed under it) is moot:
    // the sign-in page already says why.
    if (!session.isSignedIn) return;
    // This account works another window: the window page asks the person before switching.
    if (error.code === 'WINDOW_HELD_ELSEWHERE') {
      heldElsewhere.value = error;
      return;
    }
    if (endsSession(error.code)) {
      session.end(error);
      return;
    }
    messages.showError(error);
  }

  async function refreshCurrent(): Promise<boolean> {
    const result = await request('counter:current');
    if (!result.ok) {
      fail(result.error);
      return false;
    }
    windowId.value = result.data.window?.id ?? null;
    answeredWindow.value = result.data.window;
    ticket.value = result.data.ticket;
    stats.value = result.data.stats;
    loaded.value = true;
    return true;
  }

  /**
   * Runs one command: one at a time, every refusal shown in words, and the window re-read
   * afterwards (stats change after each action; a lost answer may still have taken effect).
   */
  async function run<T>(
    name: string,
    send: () => Promise<ConsoleResult<T>>,
    onOk: (data: T) => void,
  ): Promise<boolean> {
    // A key pressed while the previous command is still on its way waits its turn instead of
    // being lost: the hall's broadcast often shows the change before our own answer arrives, so
    // staff (and tests) press the next key as soon as they see it.
    while (inFlight) await inFlight;
    let settle = (): void => undefined;
    inFlight = new Promise<void>((resolve) => (settle = resolve));
    busy.value = name;
    messages.clear();
    try {
      const result = await send();
      if (result.ok) onOk(result.data);
      else fail(result.error);
      return result.ok;
    } finally {
      busy.value = null;
      inFlight = null;
      settle();
      // Not awaited under `busy`: the next key press must not wait for the counts. Answers come
      // back in the order the commands were sent, so a later command's answer still wins.
      if (session.isSignedIn) void refreshCurrent();
    }
  }

  /** Resolves once no command is on its way (a key pressed meanwhile is judged after it). */
  async function whenIdle(): Promise<void> {
    while (inFlight) await inFlight;
  }

  const heldTicketId = (): Id => ticket.value?.id ?? 0;
  const setWindow = (w: HallWindow): void => {
    windowId.value = w.id;
    answeredWindow.value = w;
  };

  /**
   * The window this account holds elsewhere when a claim was refused for it (null otherwise); the
   * window page shows it and asks before claiming again with `releaseHeld`.
   */
  const heldElsewhere = ref<ConsoleError | null>(null);
  const claim = (id: Id, releaseHeld = false) => {
    heldElsewhere.value = null;
    return run('claim', () => request('window:claim', { windowId: id, releaseHeld }), setWindow);
  };
  const release = () =>
    run(
      'release',
      () => request('window:release'),
      () => {
        windowId.value = null;
        answeredWindow.value = null;
        saveNoShows([]);
      },
    );
  const open = () => run('open', () => request('window:open'), setWindow);
  const pause = (reason: string) =>
    run(
      'pause',
      () => request('window:pause', { reason }),
      (w) => {
        setWindow(w);
        messages.showText('info', 'messages.paused');
      },
    );
  const resume = () => run('resume', () => request('window:resume'), setWindow);
  const close = () => run('close', () => request('window:close'), setWindow);

  const showCalled = (t: TicketView): void => {
    ticket.value = t;
    messages.showText('success', 'messages.called', { number: t.number });
  };

  const callNext = () => run('callNext', () => request('counter:callNext'), showCalled);
  const callSpecific = (number: string) =>
    run('callSpecific', () => request('counter:callSpecific', { number }), showCalled);
  const recall = () =>
    run(
      'recall',
      () => request('counter:recall', { ticketId: heldTicketId() }),
      (t) => {
        ticket.value = t;
        messages.showText('success', 'messages.recalled', { number: t.number });
      },
    );
  const start = () =>
    run(
      'start',
      () => request('counter:start', { ticketId: heldTicketId() }),
      (t) => {
        ticket.value = t;
      },
    );
  const finish = (marks: FinishMarks) =>
    run(
      'finish',
      () => request('counter:finish', { ticketId: heldTicketId(), marks }),
      (t) => {
        ticket.value = null;
        messages.showText('success', 'messages.finished', { number: t.number });
      },
    );
  const noShow = () =>
    run(
      'noShow',
      () => request('counter:noShow', { ticketId: heldTicketId() }),
      (t) => {
        ticket.value = null;
        rememberNoShow(t);
        messages.showText('info', 'messages.noShow', { number: t.number });
      },
    );
  const requeue = (ticketId: Id) =>
    run(
      'requeue',
      () => request('counter:requeue', { ticketId }),
      (t) => {
        forgetNoShow(t.id);
        messages.showText('success', 'messages.requeued', { number: t.number });
      },
    );
  const transfer = (toServiceId: Id, toWindowId: Id | null) =>
    run(
      'transfer',
      () => request('counter:transfer', { ticketId: heldTicketId(), toServiceId, toWindowId }),
      (t) => {
        ticket.value = null;
        messages.showText('success', 'messages.transferred', { number: t.number });
      },
    );

  const onTicket = (delta: HallDelta): void => {
    if (delta.type !== 'window:updated') track(delta.ticket);
  };
  let unbinders: (() => void)[] = [];

  /** Follows this console's connection: on every (re)connect, ask which ticket the window holds. */
  function bind(connection: HallConnection): void {
    unbind();
    connected.value = connection.state === 'online';
    unbinders = [
      connection.onState((state) => {
        const was = connected.value;
        connected.value = state === 'online';
        if (connected.value && !was) void refreshCurrent();
      }),
      hall.onDelta(onTicket),
    ];
    if (connected.value) void refreshCurrent();
  }

  function unbind(): void {
    unbinders.forEach((off) => off());
    unbinders = [];
  }

  function reset(): void {
    unbind();
    windowId.value = null;
    answeredWindow.value = null;
    ticket.value = null;
    stats.value = null;
    connected.value = false;
    loaded.value = false;
    saveNoShows([]);
  }

  return {
    windowId,
    window,
    ticket,
    stats,
    recentNoShows,
    busy,
    whenIdle,
    connected,
    loaded,
    waiting,
    heldElsewhere,
    can,
    refreshCurrent,
    claim,
    release,
    open,
    pause,
    resume,
    close,
    callNext,
    callSpecific,
    recall,
    start,
    finish,
    noShow,
    requeue,
    transfer,
    bind,
    unbind,
    reset,
  };
});
