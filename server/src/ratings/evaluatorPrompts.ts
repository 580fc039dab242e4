// The questions the window evaluator pads ask. Watches committed changes (after the frames): when
// a window finishes a ticket and a pad of that window is connected, the pad is asked to rate it;
// when nobody answers within the hall's evaluationTimeoutSeconds (≥ 60 s), or the window finishes
// its next visitor first, the question is recorded as 未评价 — never as a good rating. A window
// whose officer changes sends its pads the new name. Costs nothing for a window without a pad.
// With several server processes (PostgreSQL) each one asks the pads connected to it, from every
// process's committed changes (core/db/README.md): hence io.local.
import type { HallWindow, TicketView } from '@hall/shared/contracts/entities';
import type { EvaluatorPrompt, EvaluatorState } from '@hall/shared/contracts/ratings';
import type { CommittedChange, ChangeSink } from '../core/groupCommit';
import type { HallStates } from '../core/hallState/hallStates';
import type { AppServer } from '../core/socketTypes';
import type { Logger } from '../core/logger';
import type { Repositories } from '../repositories';
import { evaluatorRoom } from '../core/frames/audiences';

interface OpenPrompt {
  hallId: number;
  windowId: number;
  ticketId: number;
  number: string;
  expiresAt: number;
  timer: NodeJS.Timeout;
}

export interface EvaluatorPromptsDeps {
  io: AppServer;
  repos: Repositories;
  states: HallStates;
  clock: () => number;
  logger: Logger;
  /** How long a question stays open; tests shorten it, the product reads the hall rule. */
  timeoutMs(hallId: number): number;
  /** Records 未评价 for a question nobody answered. */
  recordUnanswered(hallId: number, ticketId: number): Promise<unknown>;
}

export function createEvaluatorPrompts(deps: EvaluatorPromptsDeps) {
  const open = new Map<number, OpenPrompt>();
  /** The officer each window's pads were last told about (window id → staff id). */
  const officers = new Map<number, number | null>();

  const hasPad = (windowId: number): boolean =>
    (deps.io.sockets.adapter.rooms.get(evaluatorRoom(windowId))?.size ?? 0) > 0;

  function promptOf(p: OpenPrompt): EvaluatorPrompt {
    return {
      ticketId: p.ticketId,
      number: p.number,
      expiresAt: p.expiresAt,
      serverTime: deps.clock(),
      voiceLanguages: [...deps.states.get(p.hallId).hall.voiceLanguages],
    };
  }

  /** Ends a question; `unanswered` records 未评价 for it. */
  function close(p: OpenPrompt, outcome: 'rated' | 'unrated'): void {
    clearTimeout(p.timer);
    if (open.get(p.windowId) === p) open.delete(p.windowId);
    deps.io.local.to(evaluatorRoom(p.windowId)).emit('evaluator:closed', { ticketId: p.ticketId, outcome });
    if (outcome === 'unrated') {
      deps.recordUnanswered(p.hallId, p.ticketId).catch((error: unknown) => {
        // Already rated by phone meanwhile, or the disk refused: either way nothing to show.
        deps.logger.debug({ err: error, ticketId: p.ticketId }, 'unanswered rating not recorded');
      });
    }
  }

  function finished(hallId: number, ticket: TicketView): void {
    const windowId = ticket.windowId;
    if (windowId === null || !hasPad(windowId)) return;
    const previous = open.get(windowId);
    if (previous) close(previous, 'unrated');
    const timeoutMs = deps.timeoutMs(hallId);
    const p: OpenPrompt = {
      hallId,
      windowId,
      ticketId: ticket.id,
      number: ticket.number,
      expiresAt: deps.clock() + timeoutMs,
      timer: setTimeout(() => close(p, 'unrated'), timeoutMs),
    };
    p.timer.unref();
    open.set(windowId, p);
    deps.io.local.to(evaluatorRoom(windowId)).emit('evaluator:prompt', promptOf(p));
  }

  function windowChanged(hallId: number, window: HallWindow): void {
    const before = officers.get(window.id);
    officers.set(window.id, window.staffId);
    // Most window changes are calls (the ticket it holds); only a new officer changes the pad.
    if (before === window.staffId) return;
    if (hasPad(window.id))
      deps.io.local.to(evaluatorRoom(window.id)).emit('evaluator:state', state(hallId, window.id));
  }

  function state(hallId: number, windowId: number | null): EvaluatorState {
    const hall = deps.states.get(hallId);
    const window = windowId === null ? null : hall.window(windowId);
    const staff = window?.staffId ? deps.repos.staff.find(window.staffId) : null;
    const p = windowId === null ? undefined : open.get(windowId);
    return {
      hallName: hall.hall.name,
      hallNameEn: hall.hall.nameEn,
      voiceLanguages: [...hall.hall.voiceLanguages],
      window: window
        ? {
            id: window.id,
            number: window.number,
            name: window.name,
            elderlyDedicated: window.elderlyDedicated,
          }
        : null,
      officer: staff ? { name: staff.name, badgeNumber: staff.badgeNumber } : null,
      prompt: p ? promptOf(p) : null,
      serverTime: deps.clock(),
    };
  }

  const sink: ChangeSink = {
    committed(changes: readonly CommittedChange[]): void {
      for (const change of changes) {
        for (const { delta } of change.deltas) {
          if (delta.type === 'ticket:updated' && delta.ticket.state === 'done')
            finished(change.hallId, delta.ticket);
          else if (delta.type === 'window:updated') windowChanged(change.hallId, delta.window);
        }
      }
    },
  };

  return {
    sink,
    state,
    /** The question open at a window now, if it is about this ticket. */
    isOpen(windowId: number, ticketId: number): boolean {
      return open.get(windowId)?.ticketId === ticketId;
    },
    /** The pad's visitor answered: the question ends for every pad of the window. */
    answered(windowId: number, ticketId: number): void {
      const p = open.get(windowId);
      if (p?.ticketId === ticketId) close(p, 'rated');
    },
    close(): void {
      for (const p of open.values()) clearTimeout(p.timer);
      open.clear();
    },
  };
}
export type EvaluatorPrompts = ReturnType<typeof createEvaluatorPrompts>;
