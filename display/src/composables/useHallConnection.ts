// Connects the hall store as a display device for as long as a view is on screen.
import { inject, onBeforeUnmount, onMounted } from 'vue';
import { DEVICE_KEY } from '../keys';
import { useHallStore } from '../stores/hall';

export function useHallConnection(): { store: ReturnType<typeof useHallStore>; hasKey: boolean } {
  const store = useHallStore();
  const key = inject(DEVICE_KEY, null);
  onMounted(() => {
    if (key) store.start({ role: 'display', deviceKey: key });
  });
  onBeforeUnmount(() => store.stop());
  return { store, hasKey: key !== null };
}
