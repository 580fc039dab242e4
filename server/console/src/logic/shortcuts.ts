// Single-key shortcuts for the counter. Letters are matched by physical key (KeyboardEvent.code) as
// well as by character, so they still work while a Chinese IME is active (key === 'Process').
import type { CounterAction } from './counterActions';

export type ShortcutTarget = CounterAction | 'help';

export interface Shortcut {
  target: ShortcutTarget;
  /** What the button and the help panel show. */
  label: string;
  keys: readonly string[];
  codes: readonly string[];
}

const letter = (
  target: ShortcutTarget,
  ch: string,
  extra: { keys?: string[]; codes?: string[] } = {},
): Shortcut => ({
  target,
  label: ch,
  keys: [ch.toLowerCase(), ...(extra.keys ?? [])],
  codes: [`Key${ch}`, ...(extra.codes ?? [])],
});

export const SHORTCUTS: readonly Shortcut[] = [
  { ...letter('callNext', 'N', { keys: ['f2'], codes: ['F2'] }), label: 'N' },
  letter('recall', 'R'),
  letter('start', 'S'),
  letter('finish', 'F'),
  letter('noShow', 'X'),
  letter('requeue', 'Q'),
  letter('transfer', 'T'),
  letter('callSpecific', 'G'),
  letter('pauseResume', 'P'),
  { target: 'help', label: '?', keys: ['?', 'f1'], codes: ['F1'] },
];

export function shortcutFor(target: ShortcutTarget): Shortcut | undefined {
  return SHORTCUTS.find((s) => s.target === target);
}

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** Where the key was pressed; typing in a field is never a shortcut. */
  targetTag: string | null;
  targetEditable: boolean;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export function matchShortcut(event: KeyLike): ShortcutTarget | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  if (event.targetEditable || (event.targetTag !== null && TYPING_TAGS.has(event.targetTag))) return null;
  const key = event.key.toLowerCase();
  const found = SHORTCUTS.find((s) => s.keys.includes(key) || s.codes.includes(event.code));
  return found ? found.target : null;
}
