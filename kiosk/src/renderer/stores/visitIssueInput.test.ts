import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '@hall/shared/defaults';
import { issueInputFor, knownPriorityClass } from './visitIssueInput';

const classes = DEFAULT_RULES.priorityClasses;

describe('issueInputFor: the visitor’s way becomes the ticket request', () => {
  it('asks for the class of each way in', () => {
    const input = (choice: Parameters<typeof issueInputFor>[0]) =>
      issueInputFor(choice, 3, 'req-12345', classes);
    expect(input({ kind: 'normal' })).toEqual({
      requestId: 'req-12345',
      serviceId: 3,
      priorityClass: 'normal',
    });
    expect(input({ kind: 'elderly' }).priorityClass).toBe('elderly');
    expect(input({ kind: 'priority', classId: 'military' }).priorityClass).toBe('military');
    expect(input({ kind: 'proxy', forClass: 'disabled', relation: 'spouse' })).toMatchObject({
      priorityClass: 'disabled',
      proxy: true,
      proxyRelation: '配偶',
    });
    expect(input({ kind: 'proxy', forClass: 'normal', relation: null })).toMatchObject({
      priorityClass: 'normal',
      proxy: true,
      proxyRelation: null,
    });
    expect(input({ kind: 'id', id: { masked: '4405**********1234', age: 71, elderly: true } })).toMatchObject(
      { priorityClass: 'elderly', maskedIdNumber: '4405**********1234' },
    );
    expect(
      input({ kind: 'id', id: { masked: '4405**********1234', age: 30, elderly: false } }).priorityClass,
    ).toBe('normal');
  });

  it('falls back to a normal ticket for a class the hall no longer has (the server would refuse it)', () => {
    const withoutMilitary = classes.filter((c) => c.id !== 'military');
    expect(knownPriorityClass('military', withoutMilitary)).toBe('normal');
    expect(knownPriorityClass('disabled', withoutMilitary)).toBe('disabled');
    expect(issueInputFor({ kind: 'elderly' }, 1, 'req-12345', []).priorityClass).toBe('normal');
    // Before the first snapshot the kiosk cannot know; it asks and lets the server decide.
    expect(knownPriorityClass('military', undefined)).toBe('military');
  });
});
