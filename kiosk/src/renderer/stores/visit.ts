// One visitor's way through the kiosk: idle → (green channel | another priority class | proxy |
// ID) → ticket → back to idle. Tickets are only ever issued by the server; this store never makes
// one up. Each visitor action gets a fresh request id, and every retry of that action reuses it, so
// a lost acknowledgement can never give the visitor two tickets.
//
// The steps live in their own files: the choices before the service tap (visitChoice), the
// request they become (visitIssueInput), printing (visitPrinting) and the idle reset
// (visitIdleReset). This file wires them to the hall connection and asks the server.
import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { NORMAL_CLASS, type IssuedTicket } from '@hall/shared/contracts/entities';
import type { AppError } from '@hall/shared/contracts/errors';
import type { IssueTicketInput } from '@hall/shared/contracts/schemas';
import { DEFAULT_RULES } from '@hall/shared/defaults';
import { businessDay as dayOf } from '@hall/shared/hallTime';
import { hallVoiceLanguages, type VoiceLanguage } from '@hall/shared/voice/languages';
import { newRequestId } from '../lib/requestId';
import { effectiveIdleSeconds } from '../lib/idleCountdown';
import type { KioskLocale } from '../locales/i18n';
import type { TicketPrinter } from '../printing/ticketPrinter';
import { useHallStore } from './hall';
import { useVisitChoice } from './visitChoice';
import { issueInputFor } from './visitIssueInput';
import { useIdleReset } from './visitIdleReset';
import { useTicketPrinting } from './visitPrinting';
import { useAppointmentCheckIn } from './visitAppointment';
import type { IdReading } from '../idReader/types';
import type { IdNumberProblem } from '@hall/shared/idNumber';

export type { Screen, ChooseMode } from './visitChoice';
export type { PrintState } from './visitPrinting';
export { PROXY_RELATIONS, type ProxyRelation, type IdResult } from './visitIssueInput';

/** Attempts per tap while connected; after that the visitor sees "try again" (same request id). */
const ISSUE_ATTEMPTS = 3;

export const useVisitStore = defineStore('visit', () => {
  const hall = useHallStore();

  // ---- configuration (from the host) ----
  const defaultLocale = ref<KioskLocale>('zh-CN');
  const configuredIdleSeconds = ref<number | null>(null);
  let now: () => number = () => Date.now();
  /** Origin of the hall server, for the status link (the QR code on screen and on paper). */
  const origin = ref('');

  // ---- the visit ----
  const locale = ref<KioskLocale>('zh-CN');
  /** The spoken language this visitor chose on the start screen; null: the hall's first. */
  const voiceChoice = ref<VoiceLanguage | null>(null);
  const issuing = ref(false);
  const issueError = ref<AppError | null>(null);
  const pending = shallowRef<IssueTicketInput | null>(null);
  const issued = shallowRef<IssuedTicket | null>(null);

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
  const isPriority = computed(() =>
    issued.value ? issued.value.ticket.priorityClass !== NORMAL_CLASS : false,
  );

  const {
    reset: resetChoice,
    currentChoice,
    ...choice
  } = useVisitChoice({
    classes: () => hall.rules?.priorityClasses,
    elderlyAge: () => elderlyAge.value,
    businessDay: () => hall.snapshot?.businessDay ?? dayOf(now(), 'Asia/Shanghai'),
  });
  const { screen } = choice;
  const {
    usePrinter,
    print,
    reset: resetPrinting,
    ...printing
  } = useTicketPrinting(issued, () => hall.snapshot);

  // "我有预约": the check-in screen, its answer, and the appointment ticket shown like any other.
  const {
    reset: resetAppointment,
    resume: resumeCheckIn,
    acceptCard,
    ...appointment
  } = useAppointmentCheckIn({
    screen,
    ready: () => hall.ready,
    send: (input) => hall.command('appointment:checkIn', input),
    onIssued: async (ticket) => {
      issued.value = ticket;
      screen.value = 'result';
      await print();
    },
  });
  const appointmentsOffered = computed(() => hall.snapshot?.appointments === true);

  // Counting whenever a visitor is mid-way: off the start screen, a ticket request (and its
  // "try again" prompt) open on it — a failed request must not greet the next visitor — or a
  // spoken language chosen, which must not stay for the next visitor either.
  const { stop: stopIdleReset, ...idle } = useIdleReset({
    idleSeconds: () => idleSeconds.value,
    now: () => now(),
    visitOpen: computed(
      () => screen.value !== 'idle' || pending.value !== null || voiceChoice.value !== null,
    ),
    screen,
    onTimeout: () => goIdle(),
  });

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
    usePrinter(options.printer);
    if (options.now) now = options.now;
  }

  function goIdle(): void {
    stopIdleReset();
    resetChoice();
    locale.value = defaultLocale.value;
    voiceChoice.value = null;
    issuing.value = false;
    issueError.value = null;
    pending.value = null;
    issued.value = null;
    resetPrinting();
    resetAppointment();
  }

  function toggleLocale(): void {
    locale.value = locale.value === 'zh-CN' ? 'en' : 'zh-CN';
  }

  /** 粤语 / 普通话 on the start screen: the voice for this visitor only (the text stays as it is). */
  function chooseVoice(language: VoiceLanguage): void {
    if (voiceLanguages.value.includes(language)) voiceChoice.value = language;
  }

  // ---- issuing ----
  /** The visitor tapped a service: one new ticket request. */
  function takeTicket(serviceId: number): Promise<void> {
    if (issuing.value || issued.value) return Promise.resolve();
    return runIssue(issueInputFor(currentChoice(), serviceId, newRequestId(), hall.rules?.priorityClasses));
  }

  /** A late visitor's normal ticket for the service they booked (never a priority one by mistake). */
  function takeNormalTicket(serviceId: number): Promise<void> {
    if (issuing.value || issued.value) return Promise.resolve();
    return runIssue(
      issueInputFor({ kind: 'normal' }, serviceId, newRequestId(), hall.rules?.priorityClasses),
    );
  }

  /** A card on the reader: a check-in on the check-in screen, otherwise the age for the green channel. */
  function acceptIdReading(reading: IdReading): IdNumberProblem | null {
    if (screen.value !== 'appointment') return choice.acceptIdReading(reading);
    void acceptCard(reading);
    return null;
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
      // Not connected: the pause screen shows; the request resumes when the server is back.
      if (!hall.ready) return;
      const result = await hall.command('ticket:issue', input);
      if (pending.value !== input) return; // the visitor left meanwhile
      // No answer in time: ask again with the same request id (never a second ticket).
      if (!result.ok && result.error.code === 'NO_RESPONSE') continue;
      // The connection went while sending: the pause screen shows, the request resumes after it.
      if (!result.ok && result.error.code === 'OFFLINE') return;
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
    }
    issuing.value = false;
    issueError.value = null;
  }

  /** True when the last attempt ended without any answer (shown as a generic failure). */
  const issueStalled = computed(() => pending.value !== null && !issuing.value && issueError.value === null);

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
      if (screen.value === 'appointment' && appointment.checking.value) {
        void resumeCheckIn();
        return;
      }
      // A visitor mid-choice has most likely gone to the service desk as the pause screen said.
      const midChoice: readonly string[] = [
        'choose',
        'classes',
        'idEntry',
        'appointment',
        'appointmentOutcome',
      ];
      if (midChoice.includes(screen.value)) goIdle();
      else if (screen.value === 'idle') {
        locale.value = defaultLocale.value;
        voiceChoice.value = null;
      }
    },
  );

  return {
    ...choice,
    ...printing,
    ...idle,
    // One reactive object: the screen reads visit.appointment.code, not a ref inside a ref.
    appointment: reactive(appointment),
    appointmentsOffered,
    acceptIdReading,
    takeNormalTicket,
    locale,
    voiceChoice,
    voiceLanguages,
    voiceLanguage,
    issuing,
    issueError,
    issueStalled,
    issued,
    isPriority,
    origin,
    idleSeconds,
    elderlyAge,
    configure,
    goIdle,
    toggleLocale,
    chooseVoice,
    takeTicket,
    retryIssue,
    reprint,
  };
});
