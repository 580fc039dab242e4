// Listens for the counter's single-key shortcuts while the counter page is shown and no dialog is
// open. Typing in a field never triggers a shortcut.
import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import { matchShortcut, type ShortcutTarget } from '../logic/shortcuts';

export function useShortcuts(onShortcut: (target: ShortcutTarget) => void, paused: Ref<boolean>): void {
  function onKeydown(event: KeyboardEvent): void {
    if (paused.value || event.repeat || event.isComposing) return;
    const el = event.target instanceof HTMLElement ? event.target : null;
    const target = matchShortcut({
      key: event.key,
      code: event.code,
      ctrlKey: event.ctrlKey,
      altKey: event.altKey,
      metaKey: event.metaKey,
      targetTag: el?.tagName ?? null,
      targetEditable: el?.isContentEditable ?? false,
    });
    if (!target) return;
    event.preventDefault();
    onShortcut(target);
  }
  onMounted(() => window.addEventListener('keydown', onKeydown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown));
}
