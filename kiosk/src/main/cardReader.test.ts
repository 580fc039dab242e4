import { describe, expect, it, vi } from 'vitest';
import type { IdNumberRead } from '../preload/api';
import { connectCardReader, toIdNumberRead, type CardReaderAdapter } from './cardReader';

const VALID = '11010519491231002X';

describe('toIdNumberRead', () => {
  it('keeps only the masked number and birth date of a valid number', () => {
    const read = toIdNumberRead(VALID);
    expect(read).toEqual({ valid: true, masked: '1101**********002X', birthDate: '1949-12-31' });
    expect(JSON.stringify(read)).not.toContain('110105194912');
  });

  it('adds the number only for an appointment check-in', () => {
    expect(toIdNumberRead(` ${VALID.toLowerCase()} `, true)).toEqual({
      valid: true,
      masked: '1101**********002X',
      birthDate: '1949-12-31',
      number: VALID,
    });
    expect(toIdNumberRead('12345', true)).toEqual({ valid: false, problem: 'format' });
  });

  it.each([
    ['12345', 'format'],
    ['110105194902301234', 'birth_date'],
    ['110105194912310021', 'check_character'],
  ])('names the problem of %s', (raw, problem) => {
    expect(toIdNumberRead(raw)).toEqual({ valid: false, problem });
  });
});

describe('connectCardReader', () => {
  it('forwards each read, checked and masked, and stops the reader on request', () => {
    let emit: (raw: string) => void = () => undefined;
    const stop = vi.fn();
    const adapter: CardReaderAdapter = {
      start(onNumber) {
        emit = onNumber;
        return stop;
      },
    };
    const sent: IdNumberRead[] = [];
    const disconnect = connectCardReader(adapter, (read) => sent.push(read));
    emit(VALID.toLowerCase());
    emit('bad');
    expect(sent).toEqual([
      { valid: true, masked: '1101**********002X', birthDate: '1949-12-31' },
      { valid: false, problem: 'format' },
    ]);
    disconnect();
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('gives the number only while the check-in screen asks for it', () => {
    let emit: (raw: string) => void = () => undefined;
    let checkIn = false;
    const sent: IdNumberRead[] = [];
    connectCardReader(
      {
        start(onNumber) {
          emit = onNumber;
          return () => undefined;
        },
      },
      (read) => sent.push(read),
      () => checkIn,
    );
    emit(VALID);
    checkIn = true;
    emit(VALID);
    checkIn = false;
    emit(VALID);
    expect(sent.map((r) => (r.valid ? (r.number ?? null) : 'invalid'))).toEqual([null, VALID, null]);
  });
});
