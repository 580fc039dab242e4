// The window evaluator pad (评价器): idle, it shows its window and officer; when the window finishes
// a visitor the server asks it to rate (evaluator:prompt); a tap on a level sends the rating, a tap
// at 不满意 or below first asks for a reason (one more tap); then thanks, and back to idle. The
// server records 未评价 when nobody answers in time and tells the pad (evaluator:closed); the pad
// also returns to idle on its own at the prompt's expiry, so a lost message never leaves it asking.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AppError } from '@hall/shared/contracts/errors';
import {
  isBadLevel,
  type EvaluatorPrompt,
  type EvaluatorState,
  type RatingLevel,
  type RatingReason,
} from '@hall/shared/contracts/ratings';
import { openHallConnection, type HallConnection, type LinkState } from '@hall/shared/client/hallConnection';

export type EvaluatorPhase = 'idle' | 'ask' | 'reason' | 'thanks';

declare global {
  interface Window {
    /** Ticket numbers this pad was asked about, in order (tests and diagnostics). */
    __evaluatorAsked?: string[];
  }
}

/** How long the thanks stays on screen (no question is waiting then). */
const THANKS_MS = 6_000;

export const useEvaluatorStore = defineStore('evaluator', () => {
  const info = ref<EvaluatorState | null>(null);
  const prompt = ref<EvaluatorPrompt | null>(null);
  const phase = ref<EvaluatorPhase>('idle');
  const chosen = ref<RatingLevel | null>(null);
  /** Why the last rating was not taken (e.g. already rated by phone), in words. */
  const refusal = ref<AppError | null>(null);
  const sending = ref(false);
  const link = ref<LinkState>('connecting');
  const refusedCode = ref<string | null>(null);
  let connection: HallConnection | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const listeners = new Set<(phase: EvaluatorPhase) => void>();

  function setPhase(next: EvaluatorPhase): void {
    if (timer) clearTimeout(timer);
    timer = null;
    phase.value = next;
    for (const l of listeners) l(next);
  }

  function toIdle(): void {
    prompt.value = null;
    chosen.value = null;
    refusal.value = null;
    setPhase('idle');
  }

  function ask(p: EvaluatorPrompt): void {
    (window.__evaluatorAsked ??= []).push(p.number);
    prompt.value = p;
    chosen.value = null;
    refusal.value = null;
    setPhase('ask');
    // The server's clock decides; the pad only allows for its own clock being off.
    const left = Math.max(0, p.expiresAt - p.serverTime) + 2_000;
    timer = setTimeout(toIdle, left);
  }

  function start(deviceKey: string): void {
    stop();
    const c = openHallConnection({ auth: { role: 'evaluator', deviceKey }, retryRefusedMs: 15_000 });
    connection = c;
    c.on('evaluator:state', (state) => {
      info.value = state;
      if (state.prompt && phase.value === 'idle') ask(state.prompt);
    });
    c.on('evaluator:prompt', ask);
    c.on('evaluator:closed', (closed) => {
      // Answered here, or on the visitor's phone, or nobody answered (未评价): the question is over.
      // (Our own answer's notice may come before its acknowledgement: the thanks follows that.)
      if (prompt.value?.ticketId === closed.ticketId && phase.value !== 'thanks' && !sending.value) toIdle();
    });
    c.onState((state) => {
      link.value = state;
      refusedCode.value = state === 'refused' ? c.refusal : null;
    });
  }

  async function send(level: RatingLevel, reasons: RatingReason[]): Promise<void> {
    const p = prompt.value;
    if (!p || !connection || sending.value) return;
    sending.value = true;
    const result = await connection.command('evaluator:rate', { ticketId: p.ticketId, level, reasons });
    sending.value = false;
    refusal.value = result.ok ? null : result.error;
    setPhase('thanks');
    timer = setTimeout(toIdle, THANKS_MS);
  }

  /** A tap on a level: 不满意 and below ask why first. */
  function choose(level: RatingLevel): void {
    if (phase.value !== 'ask') return;
    chosen.value = level;
    if (isBadLevel(level)) setPhase('reason');
    else void send(level, []);
  }

  function chooseReason(reason: RatingReason): void {
    if (phase.value === 'reason' && chosen.value) void send(chosen.value, [reason]);
  }

  function backToLevels(): void {
    if (phase.value === 'reason') {
      chosen.value = null;
      setPhase('ask');
      const p = prompt.value;
      if (p) timer = setTimeout(toIdle, Math.max(0, p.expiresAt - Date.now()) + 2_000);
    }
  }

  function stop(): void {
    if (timer) clearTimeout(timer);
    connection?.close();
    connection = null;
  }

  return {
    info,
    prompt,
    phase,
    chosen,
    refusal,
    sending,
    link,
    refusedCode,
    badChoice: computed(() => isBadLevel(chosen.value)),
    start,
    stop,
    choose,
    chooseReason,
    backToLevels,
    onPhase: (l: (phase: EvaluatorPhase) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
});
