// Loads a page's data once the console is connected, and again after every reconnect (a server
// restart, a network cut): a page opened directly, reloaded or in a new tab shows its data as soon
// as it can, never "not connected" while the header says connected.
import { onBeforeUnmount, onMounted } from 'vue';
import { currentLink, onOnline } from '../net/link';

export function useOnlineLoad(load: () => unknown): void {
  let off: (() => void) | null = null;
  onMounted(() => {
    if (currentLink()?.state === 'online') void load();
    off = onOnline(() => void load());
  });
  onBeforeUnmount(() => off?.());
}
