// The idle reset of a visit: counting while a visitor is mid-way, the full time again on every new
// screen and every touch, a warning in the last seconds, and back to the start screen at zero.
import { computed, ref, watch, type Ref } from 'vue';
import { IdleCountdown, warnSecondsFor } from '../lib/idleCountdown';

export interface IdleResetOptions {
  /** The hall's (or this kiosk's) idle time, never under 60 s. */
  idleSeconds: () => number;
  now: () => number;
  /** True while a visitor is mid-way (off the start screen, or a request still open on it). */
  visitOpen: Ref<boolean>;
  /** The current screen: each new one gives the visitor the full time again. */
  screen: Ref<string>;
  onTimeout: () => void;
}

export function useIdleReset(options: IdleResetOptions) {
  const remainingSeconds = ref(0);
  const warnSeconds = computed(() => warnSecondsFor(options.idleSeconds()));
  const showIdleWarning = computed(
    () =>
      options.screen.value !== 'idle' &&
      remainingSeconds.value > 0 &&
      remainingSeconds.value <= warnSeconds.value,
  );

  const countdown = new IdleCountdown({
    get seconds() {
      return options.idleSeconds();
    },
    now: () => options.now(),
    onTick: (seconds) => (remainingSeconds.value = seconds),
    onTimeout: () => options.onTimeout(),
  });

  watch([options.visitOpen, options.screen], ([open]) => {
    if (open) countdown.start();
    else countdown.stop();
  });

  /** Any touch on the screen: the visitor is still here. */
  function touch(): void {
    countdown.touch();
  }

  function stop(): void {
    countdown.stop();
    remainingSeconds.value = 0;
  }

  return { remainingSeconds, warnSeconds, showIdleWarning, touch, stop };
}
