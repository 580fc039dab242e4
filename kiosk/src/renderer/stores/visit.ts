// One visitor's way through the kiosk: idle → (green channel | proxy | ID) → ticket → back to idle.
// Tickets are only ever issued by the server; this store never makes one up. Each visitor action
// gets a fresh request id, and every retry of that action reuses it, so a lost acknowledgement can
// never give the visitor two tickets.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { ELDERLY_CLASS, NORMAL_CLASS, type IssuedTicket } from '@hall/shared/contracts/entities';
import type { AppError } from '@hall/shared/contracts/errors';
import type { IssueTicketInput } from '@hall/shared/contracts/schemas';
import { DEFAULT_RULES } from '@hall/shared/defaults';
import type { IdNumberProblem } from '@hall/shared/idNumber';
import { hallVoiceLanguages, type VoiceLanguage } from '@hall/shared/voice/languages';
import { newRequestId } from '../lib/requestId';
import { IdleCountdown, effectiveIdleSeconds, warnSecondsFor } from '../lib/idleCountdown';
import { checkVisitorId } from '../idReader/checkVisitorId';
import type { IdReading } from '../idReader/types';
import type { KioskLocale } from '../locales/i18n';
import zhCN from '../locales/zh-CN';
import type { PrintFaultKind, PrintResult, TicketPrinter } from '../printing/ticketPrinter';
import { useHallStore } from './hall';

export type Screen = 'idle' | 'choose' | 'idEntry' | 'result';
export type ChooseMode = 'elderly' | 'proxy' | 'id';
export type PrintState = 'none' | 'printing' | 'printed' | 'failed';
export type ProxyRelation = 'child' | 'spouse' | 'relative' | 'friend';
export const PROXY_RELATIONS: readonly ProxyRelation[] = ['child', 'spouse', 'relative', 'friend'];

export interface IdResult {
  masked: string;
  age: number;
  elderly: boolean;
}

const ISSUE_TIMEOUT_MS = 8_000;
/** Attempts per tap while connected; after that the visitor sees "try again" (same request id). */
const ISSUE_ATTEMPTS = 3;

export const useVisitStore = defineStore('visit', () => {
  const hall = useHallStore();

  // ---- configuration (from the host) ----
  const defaultLocale = ref<KioskLocale>('zh-CN');
  const configuredIdleSeconds = ref<number | null>(null);
  let printer: TicketPrinter | null = null;
  let now: () => number = () => Date.now();

  // ---- the visit ----
  const screen = ref<Screen>('idle');
  const mode = ref<ChooseMode>('elderly');
  const locale = ref<KioskLocale>('zh-CN');
  /** The spoken language this visitor chose on the start screen; null: the hall's first. */
  const voiceChoice = ref<VoiceLanguage | null>(null);
  const proxyForElderly = ref(true);
  const proxyRelation = ref<ProxyRelation | null>(null);
  const idResult = ref<IdResult | null>(null);
  const idProblem = ref<IdNumberProblem | null>(null);
  const issuing = ref(false);
  const issueError = ref<AppError | null>(null);
  const pending = shallowRef<IssueTicketInput | null>(null);
  const issued = shallowRef<IssuedTicket | null>(null);
  const printState = ref<PrintState>('none');
  const printFault = ref<PrintFaultKind | null>(null);
  const printsLocally = ref(false);
  /** Origin of the hall server, for the status link (the QR code on screen and on paper). */
  const origin = ref('');
  const remainingSeconds = ref(0);

  const elderlyAge = computed(() => hall.rules?.elderlyAge ?? DEFAULT_RULES.elderlyAge);
  /** The hall's spoken languages, in order (hall setting, changeable live). */
  const voiceLanguages = computed(() => hallVoiceLanguages(hall.snapshot?.hall.voiceLanguages));
  const voiceLanguage = computed<VoiceLanguage>(() =>
    voiceChoice.value && voiceLanguages.value.includes(voiceChoice.value)
      ? voiceChoice.value
      : voiceLanguages.value[0]!,
  );
  const idleSeconds = computed(() =>
    effectiveIdleSeconds(
      configuredIdleSeconds.value,
      hall.rules?.kioskIdleSeconds ?? DEFAULT_RULES.kioskIdleSeconds,
    ),
  );
  const warnSeconds = computed(() => warnSecondsFor(idleSeconds.value));
  const showIdleWarning = computed(
    () =>
      screen.value !== 'idle' && remainingSeconds.value > 0 && remainingSeconds.value <= warnSeconds.value,
  );
  const isPriority = computed(() =>
    issued.value ? issued.value.ticket.priorityClass !== NORMAL_CLASS : false,
  );

  function configure(options: {
    locale: KioskLocale;
    idleSeconds: number | null;
    printer: TicketPrinter;
    origin: string;
    now?: () => number;
  }): void {
    origin.value = options.origin;
    defaultLocale.value = options.locale;
    locale.value = options.locale;
    configuredIdleSeconds.value = options.idleSeconds;
    printer = options.printer;
    printsLocally.value = options.printer.local;
    if (options.now) now = options.now;
  }

  // ---- idle reset ----
  const countdown = new IdleCountdown({
    get seconds() {
      return idleSeconds.value;
    },
    now: () => now(),
    onTick: (seconds) => (remainingSeconds.value = seconds),
    onTimeout: () => goIdle(),
  });

  // Counting whenever a visitor is mid-way: off the start screen, a ticket request (and its
  // "try again" prompt) open on it — a failed request must not greet the next visitor — or a
  // spoken language chosen, which must not stay for the next visitor either.
  const visitOpen = computed(
    () => screen.value !== 'idle' || pending.value !== null || voiceChoice.value !== null,
  );
  watch([visitOpen, screen], ([open]) => {
    // Each new screen gives the visitor the full time again.
    if (open) countdown.start();
    else countdown.stop();
  });

  /** Any touch on the screen: the visitor is still here. */
  function touch(): void {
    countdown.touch();
  }

  function goIdle(): void {
    countdown.stop();
    screen.value = 'idle';
    locale.value = defaultLocale.value;
    voiceChoice.value = null;
    proxyForElderly.value = true;
    proxyRelation.value = null;
    idResult.value = null;
    idProblem.value = null;
    issuing.value = false;
    issueError.value = null;
    pending.value = null;
    issued.value = null;
    printState.value = 'none';
    printFault.value = null;
    remainingSeconds.value = 0;
  }

  function toggleLocale(): void {
    locale.value = locale.value === 'zh-CN' ? 'en' : 'zh-CN';
  }

  /** 粤语 / 普通话 on the start screen: the voice for this visitor only (the text stays as it is). */
  function chooseVoice(language: VoiceLanguage): void {
    if (voiceLanguages.value.includes(language)) voiceChoice.value = language;
  }

  // ---- choosing ----
  function chooseElderly(): void {
    mode.value = 'elderly';
    screen.value = 'choose';
  }

  function chooseProxy(): void {
    mode.value = 'proxy';
    proxyForElderly.value = true;
    proxyRelation.value = null;
    screen.value = 'choose';
  }

  function setProxyForElderly(value: boolean): void {
    proxyForElderly.value = value;
  }

  function setProxyRelation(value: ProxyRelation | null): void {
    proxyRelation.value = value;
  }

  function openIdEntry(): void {
    idProblem.value = null;
    screen.value = 'idEntry';
  }

  /** From a card reader or the keypad. Returns the problem, if any, for the keypad to show. */
  function acceptIdReading(reading: IdReading): IdNumberProblem | null {
    const businessDay = hall.snapshot?.businessDay ?? new Date(now()).toISOString().slice(0, 10);
    const check = checkVisitorId(reading, businessDay, elderlyAge.value);
    if (!check.ok) {
      idProblem.value = check.problem;
      screen.value = 'idEntry';
      return check.problem;
    }
    idProblem.value = null;
    idResult.value = { masked: check.masked, age: check.age, elderly: check.elderly };
    mode.value = 'id';
    screen.value = 'choose';
    return null;
  }

  function priorityClassFor(elderly: boolean): string {
    if (!elderly) return NORMAL_CLASS;
    // The hall may have renamed its classes; without an elderly class the server would refuse.
    const known = hall.rules?.priorityClasses.some((c) => c.id === ELDERLY_CLASS) ?? true;
    return known ? ELDERLY_CLASS : NORMAL_CLASS;
  }

  function buildIssueInput(serviceId: number): IssueTicketInput {
    const base = { requestId: newRequestId(), serviceId };
    if (screen.value === 'idle') return { ...base, priorityClass: NORMAL_CLASS };
    if (mode.value === 'elderly') return { ...base, priorityClass: priorityClassFor(true) };
    if (mode.value === 'proxy') {
      return {
        ...base,
        priorityClass: priorityClassFor(proxyForElderly.value),
        proxy: true,
        // Staff and reports read the relationship in Chinese, whatever language the visitor used.
        proxyRelation: proxyRelation.value ? zhCN.choose.relations[proxyRelation.value] : null,
      };
    }
    const id = idResult.value;
    return {
      ...base,
      priorityClass: priorityClassFor(id?.elderly ?? false),
      maskedIdNumber: id?.masked ?? null,
    };
  }

  // ---- issuing ----
  /** The visitor tapped a service: one new ticket request. */
  function takeTicket(serviceId: number): Promise<void> {
    if (issuing.value || issued.value) return Promise.resolve();
    return runIssue(buildIssueInput(serviceId));
  }

  /** "Try again" after a failure: the same request, so at most one ticket exists. */
  function retryIssue(): Promise<void> {
    return pending.value && !issuing.value ? runIssue(pending.value) : Promise.resolve();
  }

  /** True while a runIssue loop is sending; a reconnect must not start a second loop. */
  let sending = false;

  async function runIssue(input: IssueTicketInput): Promise<void> {
    if (sending) return;
    sending = true;
    try {
      await issueLoop(input);
    } finally {
      sending = false;
    }
  }

  async function issueLoop(input: IssueTicketInput): Promise<void> {
    pending.value = input;
    issuing.value = true;
    issueError.value = null;
    for (let attempt = 1; attempt <= ISSUE_ATTEMPTS; attempt += 1) {
      const socket = hall.currentSocket();
      // Not connected: the pause screen shows; the request resumes when the server is back.
      if (!socket || !hall.ready) return;
      try {
        const result = await socket.timeout(ISSUE_TIMEOUT_MS).emitWithAck('ticket:issue', input);
        if (pending.value !== input) return; // the visitor left meanwhile
        issuing.value = false;
        if (!result.ok) {
          issueError.value = result.error;
          return;
        }
        pending.value = null;
        issued.value = result.data;
        screen.value = 'result';
        sending = false;
        await print();
        return;
      } catch {
        // No acknowledgement in time: ask again with the same request id.
        if (pending.value !== input) return;
      }
    }
    issuing.value = false;
    issueError.value = null;
  }

  /** True when the last attempt ended without any answer (shown as a generic failure). */
  const issueStalled = computed(() => pending.value !== null && !issuing.value && issueError.value === null);

  // ---- printing ----
  async function print(): Promise<void> {
    const ticket = issued.value;
    if (!ticket || !printer || printState.value === 'printing') return;
    printState.value = 'printing';
    printFault.value = null;
    let result: PrintResult;
    try {
      result = await printer.print(ticket, hall.snapshot);
    } catch {
      result = { ok: false, kind: 'error' };
    }
    if (issued.value !== ticket) return;
    if (result.ok) {
      printState.value = 'printed';
    } else {
      printState.value = 'failed';
      printFault.value = result.kind;
    }
  }

  /** Reprint the same ticket; a new ticket is never issued for a print problem. */
  function reprint(): Promise<void> {
    return print();
  }

  // ---- connection changes ----
  watch(
    () => hall.sessionCount,
    () => {
      // Back online. A request that was in flight when the server went away is asked again with the
      // same id: the server answers with the ticket it made, or makes exactly one.
      if (pending.value && issuing.value) {
        void runIssue(pending.value);
        return;
      }
      // A visitor mid-choice has most likely gone to the service desk as the pause screen said.
      if (screen.value === 'choose' || screen.value === 'idEntry') goIdle();
      else if (screen.value === 'idle') {
        locale.value = defaultLocale.value;
        voiceChoice.value = null;
      }
    },
  );

  return {
    screen,
    mode,
    locale,
    voiceChoice,
    voiceLanguages,
    voiceLanguage,
    proxyForElderly,
    proxyRelation,
    idResult,
    idProblem,
    issuing,
    issueError,
    issueStalled,
    issued,
    isPriority,
    printState,
    printFault,
    printsLocally,
    origin,
    remainingSeconds,
    idleSeconds,
    warnSeconds,
    showIdleWarning,
    elderlyAge,
    configure,
    touch,
    goIdle,
    toggleLocale,
    chooseVoice,
    chooseElderly,
    chooseProxy,
    setProxyForElderly,
    setProxyRelation,
    openIdEntry,
    acceptIdReading,
    takeTicket,
    retryIssue,
    reprint,
  };
});
