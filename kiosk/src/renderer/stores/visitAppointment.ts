// "我有预约": checking a booking in by the 6-digit code typed on large keys, or by an ID card on the
// reader. The server finds the booking (a card's number only through its keyed hash) and answers
// with the appointment ticket, or says the visitor is early (come back from …) or late (a normal
// ticket is offered). Like issuing, each attempt has one request id, reused on retry, so a lost
// answer never makes two tickets. The ID number lives only in the one request that carries it.
import { ref, shallowRef, type Ref } from 'vue';
import type { CheckInInput, CheckInResult } from '@hall/shared/contracts/appointments';
import { BOOKING_CODE } from '@hall/shared/appointments/bookingCode';
import type { IssuedTicket } from '@hall/shared/contracts/entities';
import { appError, type AppError, type Result } from '@hall/shared/contracts/errors';
import { parseIdNumber } from '@hall/shared/idNumber';
import type { IdReading } from '../idReader/types';
import { newRequestId } from '../lib/requestId';
import type { Screen } from './visitChoice';

export const CODE_LENGTH = 6;

/** Why the last attempt found nothing to check in: in the kiosk's words, or the server's refusal. */
export type CheckInProblem =
  { kind: 'format' } | { kind: 'notFound' } | { kind: 'idInvalid' } | { kind: 'refused'; error: AppError };

export type CheckInOutcome = Extract<CheckInResult, { outcome: 'early' | 'late' }>;

/** Attempts per tap while connected; after that the visitor is told it did not work. */
const ATTEMPTS = 3;

export interface AppointmentContext {
  screen: Ref<Screen>;
  ready: () => boolean;
  send: (input: CheckInInput) => Promise<Result<CheckInResult>>;
  /** The appointment ticket the server made: shown and printed like any ticket. */
  onIssued: (issued: IssuedTicket) => Promise<void>;
}

export function useAppointmentCheckIn(context: AppointmentContext) {
  const code = ref('');
  const problem = shallowRef<CheckInProblem | null>(null);
  const outcome = shallowRef<CheckInOutcome | null>(null);
  const checking = ref(false);
  /** The masked number of a card being checked (never the number itself). */
  const cardMasked = ref<string | null>(null);
  let pending: CheckInInput | null = null;
  let sending = false;

  function reset(): void {
    code.value = '';
    problem.value = null;
    outcome.value = null;
    checking.value = false;
    cardMasked.value = null;
    pending = null;
  }

  function open(): void {
    reset();
    context.screen.value = 'appointment';
  }

  function press(key: string): void {
    problem.value = null;
    if (/^\d$/.test(key) && code.value.length < CODE_LENGTH) code.value += key;
  }

  function backspace(): void {
    problem.value = null;
    code.value = code.value.slice(0, -1);
  }

  function clear(): void {
    problem.value = null;
    code.value = '';
  }

  /** "签到" on the keypad. */
  function submitCode(): Promise<void> {
    if (checking.value) return Promise.resolve();
    if (!BOOKING_CODE.test(code.value)) {
      problem.value = { kind: 'format' };
      return Promise.resolve();
    }
    cardMasked.value = null;
    return run({ requestId: newRequestId(), code: code.value });
  }

  /** A card on the reader while the check-in screen shows. */
  function acceptCard(reading: IdReading): Promise<void> {
    if (checking.value) return Promise.resolve();
    const number =
      reading.kind === 'raw' ? reading.number : reading.kind === 'checked' ? reading.number : null;
    const parsed = number ? parseIdNumber(number) : null;
    if (!number || !parsed?.ok) {
      problem.value = { kind: 'idInvalid' };
      return Promise.resolve();
    }
    code.value = '';
    cardMasked.value = parsed.value.masked;
    return run({ requestId: newRequestId(), idNumber: number });
  }

  /** The connection came back while a check-in was on its way: ask again with the same request. */
  function resume(): Promise<void> {
    return pending && checking.value ? run(pending) : Promise.resolve();
  }

  async function run(input: CheckInInput): Promise<void> {
    if (sending) return;
    sending = true;
    pending = input;
    checking.value = true;
    problem.value = null;
    try {
      for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
        // Not connected: the pause screen shows; the check-in resumes when the server is back.
        if (!context.ready()) return;
        const result = await context.send(input);
        if (pending !== input) return; // the visitor left meanwhile
        if (!result.ok && result.error.code === 'NO_RESPONSE') continue;
        if (!result.ok && result.error.code === 'OFFLINE') return;
        finish();
        if (!result.ok) {
          problem.value = refusal(result.error);
          return;
        }
        const answer = result.data;
        if (answer.outcome === 'issued') {
          await context.onIssued(answer.issued);
          return;
        }
        outcome.value = answer;
        context.screen.value = 'appointmentOutcome';
        return;
      }
      finish();
      problem.value = { kind: 'refused', error: appError('NO_RESPONSE') };
    } finally {
      sending = false;
    }
  }

  /** The request is answered: it (and any number it carried) is dropped. */
  function finish(): void {
    pending = null;
    checking.value = false;
  }

  return {
    code,
    problem,
    outcome,
    checking,
    cardMasked,
    reset,
    open,
    press,
    backspace,
    clear,
    submitCode,
    acceptCard,
    resume,
  };
}

function refusal(error: AppError): CheckInProblem {
  if (error.code === 'APPOINTMENT_NOT_FOUND') return { kind: 'notFound' };
  if (error.code === 'ID_NUMBER_INVALID') return { kind: 'idInvalid' };
  return { kind: 'refused', error };
}
