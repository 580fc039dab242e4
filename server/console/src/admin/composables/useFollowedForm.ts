// A settings form that follows the server's values until the person starts typing (another admin
// may change them meanwhile), can be put back with "cancel", and is marked clean once saved.
import { ref, watch, type Ref } from 'vue';

export function useFollowedForm<Source, Form>(
  source: () => Source | undefined,
  toForm: (value: Source) => Form,
) {
  const form = ref<Form | null>(null) as Ref<Form | null>;
  const dirty = ref(false);

  function reset(): void {
    const value = source();
    form.value = value === undefined ? null : toForm(value);
    dirty.value = false;
  }

  watch(
    source,
    () => {
      if (!dirty.value) reset();
    },
    { immediate: true },
  );

  return { form, dirty, reset };
}
