// The edit dialog of a configuration panel: a draft copy while it is open, and a save that closes it
// only when the server accepted the change (a refusal keeps the person's typing).
import { ref, type Ref } from 'vue';

export function useDraftDialog<Draft>() {
  const draft = ref<Draft | null>(null) as Ref<Draft | null>;

  function open(value: Draft): void {
    draft.value = value;
  }

  function close(): void {
    draft.value = null;
  }

  /** Sends the draft; `send` returns null when the server refused it. */
  async function save(send: (value: Draft) => Promise<unknown>): Promise<void> {
    const value = draft.value;
    if (value === null) return;
    if ((await send(value)) !== null) close();
  }

  return { draft, open, close, save };
}
