// Speaks every new call on the hall display. In a plain browser the first tap unlocks sound;
// under the Electron host (which allows autoplay) no overlay is shown.
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';
import type { CallRecord } from '@hall/shared/contracts/entities';
import { NORMAL_CLASS } from '@hall/shared/contracts/entities';
import { displayHost } from '../deviceKey';
import { createVoice, type Voice } from '../voice/createVoice';
import type { Announcement } from '../voice/announcer';
import type { useHallStore } from '../stores/hall';

declare global {
  interface Window {
    /** Clip names in the order they were played; present only with ?voicelog (tests, diagnostics). */
    __voiceLog?: string[];
    /** Clips that did not play to the end ('name:error' / 'name:timeout'), with ?voicelog. */
    __voiceFailures?: string[];
    /** Every clip that finished (ended, error or timeout), with ?voicelog: tests wait on it. */
    __voiceEnded?: string[];
  }
}

export function toAnnouncement(call: CallRecord): Announcement {
  return {
    number: call.number,
    windowNumber: call.windowNumber,
    priority: call.priorityClass !== NORMAL_CLASS,
    recall: call.recall,
  };
}

export function useHallVoice(store: ReturnType<typeof useHallStore>): {
  needsUnlock: Ref<boolean>;
  unlock: () => Promise<void>;
} {
  const needsUnlock = ref(false);
  let voice: Voice | null = null;
  // Calls that arrive while the voice is still loading are spoken as soon as it is ready.
  const early: Announcement[] = [];
  const unsubscribe = store.onNewCall((call) => {
    if (voice) voice.announcer.announce(toAnnouncement(call));
    else early.push(toAnnouncement(call));
  });

  onMounted(async () => {
    const params = new URLSearchParams(location.search);
    if (params.has('voicelog')) {
      window.__voiceLog = [];
      window.__voiceFailures = [];
      window.__voiceEnded = [];
    }
    const created = await createVoice({
      packUrl: `${import.meta.env.BASE_URL}voice/pack/`,
      repeat: () => store.snapshot?.rules.callRepeat ?? 2,
      preferSpeech: params.get('voice') === 'speech',
      onClip: (name) => window.__voiceLog?.push(name),
      onClipEnd: (name, outcome) => {
        window.__voiceEnded?.push(name);
        if (outcome === 'error' || outcome === 'timeout') window.__voiceFailures?.push(`${name}:${outcome}`);
      },
      onError: (error) => console.warn('[voice]', error),
    });
    if (!displayHost() && created.engineKind === 'clips') {
      needsUnlock.value = !(await created.clips.probeAutoplay());
    }
    voice = created;
    for (const a of early.splice(0)) created.announcer.announce(a);
    // Set once the voice is ready and the sound overlay decided: diagnostics and tests wait on it.
    document.documentElement.dataset.voice = created.engineKind;
  });

  onBeforeUnmount(() => {
    unsubscribe();
    voice?.announcer.clear();
  });

  async function unlock(): Promise<void> {
    // Runs inside the tap, which is what lets the browser play sound from now on.
    if (voice) await voice.clips.probeAutoplay();
    needsUnlock.value = false;
  }

  return { needsUnlock, unlock };
}
