import { describe, expect, it } from 'vitest';
import { availability, type CounterContext } from './counterActions';

const base: CounterContext = {
  connected: true,
  windowState: 'open',
  ticket: null,
  waitingCount: 3,
  noShowCount: 0,
  busy: false,
};

const reason = (a: ReturnType<typeof availability>) => (a.enabled ? null : a.reasonKey);

describe('availability', () => {
  it('allows calling the next ticket at an open, free window with people waiting', () => {
    expect(availability('callNext', base).enabled).toBe(true);
    expect(availability('callSpecific', base).enabled).toBe(true);
  });

  it('explains why call-next is impossible', () => {
    expect(reason(availability('callNext', { ...base, connected: false }))).toBe('reasons.offline');
    expect(reason(availability('callNext', { ...base, busy: true }))).toBe('reasons.busy');
    expect(reason(availability('callNext', { ...base, windowState: null }))).toBe('reasons.noWindow');
    expect(reason(availability('callNext', { ...base, windowState: 'closed' }))).toBe('reasons.windowClosed');
    expect(reason(availability('callNext', { ...base, windowState: 'paused' }))).toBe('reasons.windowPaused');
    // The server decides whether anyone waits: the local list may lag a ticket issued just now.
    expect(availability('callNext', { ...base, waitingCount: 0 }).enabled).toBe(true);
    const busyWindow = availability('callNext', { ...base, ticket: { number: 'A001', state: 'called' } });
    expect(busyWindow).toEqual({
      enabled: false,
      reasonKey: 'reasons.ticketOpen',
      params: { number: 'A001' },
    });
  });

  it('lets a specific number be called even when the local list looks empty', () => {
    expect(availability('callSpecific', { ...base, waitingCount: 0 }).enabled).toBe(true);
  });

  it('follows the ticket state machine for the held ticket', () => {
    const called = { ...base, ticket: { number: 'A001', state: 'called' as const } };
    const serving = { ...base, ticket: { number: 'A001', state: 'serving' as const } };
    expect(availability('recall', called).enabled).toBe(true);
    expect(availability('start', called).enabled).toBe(true);
    expect(availability('noShow', called).enabled).toBe(true);
    expect(reason(availability('finish', called))).toBe('reasons.notServing');
    expect(availability('finish', serving).enabled).toBe(true);
    expect(reason(availability('start', serving))).toBe('reasons.alreadyServing');
    expect(reason(availability('noShow', serving))).toBe('reasons.notCalled');
    expect(availability('transfer', called).enabled).toBe(true);
    expect(availability('transfer', serving).enabled).toBe(true);
    expect(reason(availability('recall', base))).toBe('reasons.noTicket');
  });

  it('allows serving the held ticket while the window is paused', () => {
    const pausedServing = {
      ...base,
      windowState: 'paused' as const,
      ticket: { number: 'A1', state: 'serving' as const },
    };
    expect(availability('finish', pausedServing).enabled).toBe(true);
  });

  it('requires a recent no-show for requeue', () => {
    expect(reason(availability('requeue', base))).toBe('reasons.noNoShows');
    expect(availability('requeue', { ...base, noShowCount: 1 }).enabled).toBe(true);
  });

  it('pauses and resumes only an opened window', () => {
    expect(availability('pauseResume', base).enabled).toBe(true);
    expect(availability('pauseResume', { ...base, windowState: 'paused' }).enabled).toBe(true);
    expect(reason(availability('pauseResume', { ...base, windowState: 'closed' }))).toBe(
      'reasons.windowClosed',
    );
  });
});
