import { describe, expect, it } from 'vitest';
import { matchShortcut, SHORTCUTS, type KeyLike } from './shortcuts';
import { COUNTER_ACTIONS } from './counterActions';

const press = (key: string, code: string, extra: Partial<KeyLike> = {}): KeyLike => ({
  key,
  code,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  targetTag: 'BODY',
  targetEditable: false,
  ...extra,
});

describe('matchShortcut', () => {
  it('maps each single key to its action', () => {
    expect(matchShortcut(press('n', 'KeyN'))).toBe('callNext');
    expect(matchShortcut(press('F2', 'F2'))).toBe('callNext');
    expect(matchShortcut(press('r', 'KeyR'))).toBe('recall');
    expect(matchShortcut(press('s', 'KeyS'))).toBe('start');
    expect(matchShortcut(press('f', 'KeyF'))).toBe('finish');
    expect(matchShortcut(press('x', 'KeyX'))).toBe('noShow');
    expect(matchShortcut(press('q', 'KeyQ'))).toBe('requeue');
    expect(matchShortcut(press('t', 'KeyT'))).toBe('transfer');
    expect(matchShortcut(press('g', 'KeyG'))).toBe('callSpecific');
    expect(matchShortcut(press('p', 'KeyP'))).toBe('pauseResume');
    expect(matchShortcut(press('?', 'Slash'))).toBe('help');
    expect(matchShortcut(press('F1', 'F1'))).toBe('help');
  });

  it('works with caps lock and with a Chinese IME composing (key = Process)', () => {
    expect(matchShortcut(press('N', 'KeyN'))).toBe('callNext');
    expect(matchShortcut(press('Process', 'KeyF'))).toBe('finish');
  });

  it('never fires while typing in a field or with a modifier held', () => {
    expect(matchShortcut(press('n', 'KeyN', { targetTag: 'INPUT' }))).toBeNull();
    expect(matchShortcut(press('n', 'KeyN', { targetTag: 'TEXTAREA' }))).toBeNull();
    expect(matchShortcut(press('n', 'KeyN', { targetTag: 'SELECT' }))).toBeNull();
    expect(matchShortcut(press('n', 'KeyN', { targetEditable: true }))).toBeNull();
    expect(matchShortcut(press('r', 'KeyR', { ctrlKey: true }))).toBeNull();
    expect(matchShortcut(press('f', 'KeyF', { metaKey: true }))).toBeNull();
  });

  it('ignores keys that mean nothing here', () => {
    expect(matchShortcut(press('a', 'KeyA'))).toBeNull();
    expect(matchShortcut(press(' ', 'Space'))).toBeNull();
    expect(matchShortcut(press('Enter', 'Enter'))).toBeNull();
  });

  it('gives every counter action exactly one distinct key', () => {
    const labels = COUNTER_ACTIONS.map((a) => SHORTCUTS.find((s) => s.target === a)?.label);
    expect(labels.every((l) => typeof l === 'string' && l.length === 1)).toBe(true);
    expect(new Set(labels).size).toBe(COUNTER_ACTIONS.length);
  });
});
