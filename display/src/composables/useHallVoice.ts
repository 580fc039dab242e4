// Speaks every new call on a display, in each of the hall's languages in turn (hall setting,
// changeable live). The wall display speaks every call; a window display only its own window's.
// In a plain browser the first tap unlocks sound; under the Electron host (which allows autoplay)
// no overlay is shown. `?voice=off` in the address keeps a display silent.
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';
import type { CallRecord } from '@hall/shared/contracts/entities';
import { NORMAL_CLASS } from '@hall/shared/contracts/entities';
import { DEFAULT_RULES } from '@hall/shared/defaults';
import type { Announcement } from '@hall/shared/voice/announcer';
import { hallVoiceLanguages } from '@hall/shared/voice/languages';
import { displayHost } from '../deviceKey';
import { createVoice, type Voice } from '../voice/createVoice';
import type { useHallStore } from '../stores/hall';

declare global {
  interface Window {
    /** Clips as played, 'language/name' in order; present only with ?voicelog (tests, diagnostics). */
    __voiceLog?: string[];
    /** Clips that did not play to the end ('lang/name:error' / ':timeout'), with ?voicelog. */
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

export interface HallVoiceOptions {
  /** Speak only the calls to this window (a window display). */
  windowNumber?: () => number;
}

export function useHallVoice(
  store: ReturnType<typeof useHallStore>,
  options: HallVoiceOptions = {},
): {
  needsUnlock: Ref<boolean>;
  unlock: () => Promise<void>;
} {
  const needsUnlock = ref(false);
  const params = new URLSearchParams(location.search);
  const silent = params.get('voice') === 'off';
  let voice: Voice | null = null;
  // Calls that arrive while the voice is still loading are spoken as soon as it is ready.
  const early: Announcement[] = [];
  const unsubscribe = store.onNewCall((call) => {
    if (silent) return;
    if (options.windowNumber && call.windowNumber !== options.windowNumber()) return;
    if (voice) voice.announcer.announce(toAnnouncement(call));
    else early.push(toAnnouncement(call));
  });

  onMounted(async () => {
    if (silent) return;
    if (params.has('voicelog')) {
      window.__voiceLog = [];
      window.__voiceFailures = [];
      window.__voiceEnded = [];
    }
    const rules = () => store.snapshot?.rules ?? DEFAULT_RULES;
    const created = await createVoice({
      packRoot: `${import.meta.env.BASE_URL}voice/pack/`,
      repeat: () => rules().callRepeat,
      languages: () => hallVoiceLanguages(store.snapshot?.hall.voiceLanguages),
      maxDelayMs: () => rules().callMaxDelaySeconds * 1000,
      preferSpeech: params.get('voice') === 'speech',
      onClip: (name, lang) => window.__voiceLog?.push(`${lang}/${name}`),
      onClipEnd: (name, lang, outcome) => {
        window.__voiceEnded?.push(`${lang}/${name}`);
        if (outcome === 'error' || outcome === 'timeout') {
          window.__voiceFailures?.push(`${lang}/${name}:${outcome}`);
        }
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
