import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '@hall/shared/defaults';
import { checkCharacter } from '@hall/shared/idNumber';
import { checkDeskId, deskIssueInput, type DeskForm } from './deskIssue';

const CLASSES = DEFAULT_RULES.priorityClasses;
/** A valid resident ID number for a birth date. */
const idFor = (birth: string): string => {
  const first17 = `440902${birth.replaceAll('-', '')}123`;
  return first17 + checkCharacter(first17);
};
const form = (extra: Partial<DeskForm> = {}): DeskForm => ({
  serviceId: 2,
  priorityClass: 'normal',
  proxy: false,
  relation: null,
  idNumber: '',
  ...extra,
});

describe('desk issue', () => {
  it('sends the kiosk choices: class, proxy and the relationship in Chinese', () => {
    expect(
      deskIssueInput(
        form({ priorityClass: 'military', proxy: true, relation: 'child' }),
        { state: 'empty' },
        CLASSES,
        'req-desk-0001',
      ),
    ).toEqual({
      requestId: 'req-desk-0001',
      serviceId: 2,
      priorityClass: 'military',
      proxy: true,
      proxyRelation: '子女',
      maskedIdNumber: null,
    });
  });

  it('checks an ID number in the page and sends only its masked form; 60+ is the green channel', () => {
    const elderly = checkDeskId(idFor('1950-03-01'), '2026-12-01', 60);
    expect(elderly).toEqual({
      state: 'ok',
      masked: '4409**********' + idFor('1950-03-01').slice(-4),
      age: 76,
      elderly: true,
    });
    const input = deskIssueInput(form({ idNumber: idFor('1950-03-01') }), elderly, CLASSES, 'req-desk-0002')!;
    expect(input.priorityClass).toBe('elderly');
    expect(JSON.stringify(input)).not.toContain(idFor('1950-03-01'));
    const young = checkDeskId(idFor('1990-03-01'), '2026-12-01', 60);
    expect(deskIssueInput(form(), young, CLASSES, 'req-desk-0003')!.priorityClass).toBe('normal');
  });

  it('cannot be sent without a service, or with an ID number that does not check', () => {
    expect(
      deskIssueInput(form({ serviceId: null }), { state: 'empty' }, CLASSES, 'req-desk-0004'),
    ).toBeNull();
    const bad = checkDeskId('440902195003011230', '2026-12-01', 60);
    expect(bad.state).toBe('invalid');
    expect(deskIssueInput(form(), bad, CLASSES, 'req-desk-0005')).toBeNull();
  });

  it('falls back to a normal ticket for a class the hall no longer has', () => {
    expect(
      deskIssueInput(form({ priorityClass: 'gone' }), { state: 'empty' }, CLASSES, 'req-desk-0006')!
        .priorityClass,
    ).toBe('normal');
  });
});
