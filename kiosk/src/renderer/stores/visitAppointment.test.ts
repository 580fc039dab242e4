import { describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import type { CheckInInput, CheckInResult } from '@hall/shared/contracts/appointments';
import type { IssuedTicket } from '@hall/shared/contracts/entities';
import { appError, type Result } from '@hall/shared/contracts/errors';
import { useAppointmentCheckIn } from './visitAppointment';
import type { Screen } from './visitChoice';

const CARD = '11010519491231002X';
const booking = { id: 7, slotDay: '2026-12-01', slotStart: 1, slotEnd: 2 } as never;

function setup(answers: Result<CheckInResult>[]) {
  const screen = ref<Screen>('idle');
  const sent: CheckInInput[] = [];
  const issued: IssuedTicket[] = [];
  const checkIn = useAppointmentCheckIn({
    screen,
    ready: () => true,
    send: vi.fn(async (input: CheckInInput) => {
      sent.push(input);
      return answers.shift() ?? { ok: false, error: appError('NO_RESPONSE') };
    }),
    onIssued: async (ticket) => {
      issued.push(ticket);
      screen.value = 'result';
    },
  });
  checkIn.open();
  return { screen, sent, issued, checkIn };
}

const typeCode = (checkIn: ReturnType<typeof setup>['checkIn'], code: string) =>
  code.split('').forEach((k) => checkIn.press(k));

describe('appointment check-in on the kiosk', () => {
  it('takes six digits on the keys, and asks for them all before sending', async () => {
    const { checkIn, sent, screen } = setup([]);
    expect(screen.value).toBe('appointment');
    typeCode(checkIn, '12345X67');
    expect(checkIn.code.value).toBe('123456');
    checkIn.backspace();
    await checkIn.submitCode();
    expect(checkIn.problem.value).toEqual({ kind: 'format' });
    expect(sent).toEqual([]);
  });

  it('an issued ticket goes to the result like any ticket', async () => {
    const ticket = { ticket: { number: 'A-Y001' } } as IssuedTicket;
    const { checkIn, sent, issued, screen } = setup([
      { ok: true, data: { outcome: 'issued', issued: ticket, appointment: booking, elderly: false } },
    ]);
    typeCode(checkIn, '123456');
    await checkIn.submitCode();
    expect(sent).toEqual([{ requestId: expect.any(String), code: '123456' }]);
    expect(issued).toEqual([ticket]);
    expect(screen.value).toBe('result');
    expect(checkIn.checking.value).toBe(false);
  });

  it('early and late answers show their screen', async () => {
    const { checkIn, screen } = setup([
      { ok: true, data: { outcome: 'early', appointment: booking, opensAt: 5, elderly: false } },
    ]);
    typeCode(checkIn, '123456');
    await checkIn.submitCode();
    expect(screen.value).toBe('appointmentOutcome');
    expect(checkIn.outcome.value).toMatchObject({ outcome: 'early', opensAt: 5 });
  });

  it('a card sends its number in that one request only; a read without the number is refused here', async () => {
    const { checkIn, sent } = setup([{ ok: false, error: appError('APPOINTMENT_NOT_FOUND') }]);
    await checkIn.acceptCard({ kind: 'raw', number: CARD });
    expect(sent).toEqual([{ requestId: expect.any(String), idNumber: CARD }]);
    expect(checkIn.problem.value).toEqual({ kind: 'notFound' });
    expect(checkIn.cardMasked.value).toBe('1101**********002X');
    await checkIn.acceptCard({ kind: 'checked', masked: '1101**********002X', birthDate: '1949-12-31' });
    expect(checkIn.problem.value).toEqual({ kind: 'idInvalid' });
    await checkIn.acceptCard({ kind: 'raw', number: '110105194912310021' });
    expect(checkIn.problem.value).toEqual({ kind: 'idInvalid' });
    expect(sent).toHaveLength(1);
  });

  it('asks again with the same request id when no answer comes, and says so after three', async () => {
    const { checkIn, sent } = setup([]);
    typeCode(checkIn, '654321');
    await checkIn.submitCode();
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((s) => s.requestId)).size).toBe(1);
    expect(checkIn.problem.value).toMatchObject({ kind: 'refused', error: { code: 'NO_RESPONSE' } });
  });

  it('a refusal with its own words (already checked in) is shown as the server said it', async () => {
    const { checkIn } = setup([
      { ok: false, error: appError('APPOINTMENT_CHECKED_IN', { number: 'A-Y003' }) },
    ]);
    typeCode(checkIn, '111111');
    await checkIn.submitCode();
    expect(checkIn.problem.value).toMatchObject({
      kind: 'refused',
      error: { code: 'APPOINTMENT_CHECKED_IN' },
    });
  });
});
