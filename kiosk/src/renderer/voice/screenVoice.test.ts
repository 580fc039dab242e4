// @vitest-environment happy-dom
// Each kiosk screen plays its own clip from the voice pack, on a PC without any speech voice:
// the real App and screens, the real packs' manifests, and audio elements that only record what
// they were asked to play.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import { ClipEngine, type AudioLike } from '@hall/shared/voice/clipEngine';
import { LineVoice, type SpokenLineEvent } from '@hall/shared/voice/lineVoice';
import { VOICE_LANGUAGES, type VoiceLanguage } from '@hall/shared/voice/languages';
import type { VoicePack } from '@hall/shared/voice/pack';
import App from '../App.vue';
import { createKioskI18n } from '../locales/i18n';
import { useHallStore } from '../stores/hall';
import { useVisitStore } from '../stores/visit';
import type { PrintResult } from '../printing/ticketPrinter';
import type { KioskSnapshot } from '@hall/shared/contracts/frames';
import { FakeSocket, demoSnapshot, issuedTicket } from '../testing/fakeHall';
import { useKioskVoice } from './kioskVoice';

function committedPack(language: VoiceLanguage): VoicePack {
  // happy-dom gives this module a web address, so the pack is found from the repository root.
  const file = join(process.cwd(), 'display', 'voice', 'pack', language, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { format: 'ogg'; clips: Record<string, string> };
  return { language, format: manifest.format, clips: new Set(Object.keys(manifest.clips)) };
}

/** Audio elements that "play" at once, recording 'language/clip'. */
function recordingAudio(played: string[]) {
  return (url: string): AudioLike => {
    const listeners = new Map<string, () => void>();
    const [, lang, clip] = /\/pack\/(\w+)\/(\w+)\.ogg$/.exec(url) ?? [];
    return {
      playbackRate: 1,
      currentTime: 0,
      volume: 1,
      play: () => {
        played.push(`${lang}/${clip}`);
        setTimeout(() => listeners.get('ended')?.(), 0);
        return Promise.resolve();
      },
      pause: () => undefined,
      addEventListener: (type, l) => void listeners.set(type, l),
      removeEventListener: (type) => void listeners.delete(type),
    };
  };
}

let wrapper: VueWrapper | null = null;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  vi.useRealTimers();
});

async function kiosk(
  voiceLanguages: VoiceLanguage[],
  printResults: PrintResult[] = [{ ok: true }],
  adjust: (snapshot: KioskSnapshot) => void = () => undefined,
) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const played: string[] = [];
  const lines: SpokenLineEvent[] = [];
  const clips = new ClipEngine({
    packRoot: '/display/voice/pack/',
    packs: VOICE_LANGUAGES.map(committedPack),
    createAudio: recordingAudio(played),
  });
  useKioskVoice(new LineVoice([clips], (e) => lines.push(e)));

  const hall = useHallStore();
  const visit = useVisitStore();
  const socket = new FakeSocket();
  visit.configure({
    locale: 'zh-CN',
    idleSeconds: null,
    origin: 'http://hall',
    printer: { local: true, print: async () => printResults.shift() ?? { ok: true } },
  });
  hall.open('', 'kiosk-key', socket.asSocket());
  socket.fire('connect');
  const snapshot = demoSnapshot(1);
  snapshot.hall.voiceLanguages = voiceLanguages;
  adjust(snapshot);
  socket.fire('kiosk:snapshot', snapshot);
  wrapper = mount(App, { global: { plugins: [pinia, createKioskI18n('zh-CN')] }, attachTo: document.body });
  await flushPromises();

  /** Clips played since the last call, once playing has settled. */
  let seen = 0;
  async function next(): Promise<string[]> {
    await flushPromises();
    await vi.waitFor(async () => {
      const before = played.length;
      await new Promise((r) => setTimeout(r, 5));
      expect(played.length).toBe(before);
    });
    const fresh = played.slice(seen);
    seen = played.length;
    return fresh;
  }
  const click = async (testId: string) => {
    await wrapper!.get(`[data-testid="${testId}"]`).trigger('click');
    await nextTick();
  };
  return { hall, visit, socket, played, lines, next, click, wrapper: wrapper! };
}

describe('every kiosk screen plays its clip', () => {
  it('start, green channel, countdown, result, proxy, ID card, ID entry, ID error, failure, pause', async () => {
    const k = await kiosk(['cmn']);
    expect(await k.next()).toEqual(['cmn/kiosk_idle']);

    await k.click('elderly-channel');
    expect(await k.next()).toEqual(['cmn/kiosk_chooseElderly']);

    k.visit.remainingSeconds = 5; // the last seconds before the idle reset
    await nextTick();
    expect(await k.next()).toEqual(['cmn/kiosk_countdown']);
    k.visit.touch();
    k.visit.remainingSeconds = 90;

    k.socket.answer = async () => ({
      ok: true,
      data: {
        ...issuedTicket({ id: 7, number: 'A-L023', priorityClass: 'elderly' }),
        peopleAhead: 2,
        windowsToWatch: [1],
      },
    });
    await k.click('service-A');
    expect(await k.next()).toEqual([
      'cmn/chime',
      'cmn/kiosk_result_1',
      'cmn/A',
      'cmn/L',
      'cmn/ling',
      'cmn/er',
      'cmn/san',
      'cmn/kiosk_result_2',
      'cmn/liang',
      'cmn/kiosk_result_3',
      'cmn/yi',
      'cmn/hao',
      'cmn/kiosk_result_4',
    ]);

    await k.click('done');
    expect(await k.next()).toEqual(['cmn/kiosk_idle']);
    // Proxy for an elderly person (the default) is a priority ticket: the priority line.
    await k.click('proxy');
    expect(await k.next()).toEqual(['cmn/kiosk_chooseElderly']);
    await k.click('back');
    await k.next();
    // A card read for someone under 60: an ordinary ticket, the plain line.
    k.visit.acceptIdReading({ kind: 'checked', masked: '4405**********1234', birthDate: '1990-01-01' });
    await nextTick();
    expect(await k.next()).toEqual(['cmn/kiosk_chooseProxy']);
    await k.click('back');
    await k.next();

    await k.click('id-entry');
    expect(await k.next()).toEqual(['cmn/kiosk_idEntry']);
    await k.click('id-confirm');
    expect(await k.next()).toEqual(['cmn/kiosk_idInvalid']);
    k.visit.goIdle();
    await nextTick();
    await k.next();

    k.socket.answer = async () => ({
      ok: false,
      error: { code: 'SERVICE_DISABLED', message: 'x', zh: '该业务暂停取号', en: 'Not issuing' },
    });
    await k.click('service-A');
    expect(await k.next()).toEqual(['cmn/kiosk_issueFailed']);
    k.visit.goIdle();
    await nextTick();
    await k.next();

    k.socket.fire('disconnect', 'transport close');
    await nextTick();
    expect(await k.next()).toEqual(['cmn/kiosk_paused']);
    // Every line was said by the pack, none in silence.
    expect(k.lines.filter((l) => l.engine !== 'clips')).toEqual([]);
  });

  it('outside opening hours the closed screen says when tickets are taken again, in each language', async () => {
    // The snapshot's server time is 10:00 in the hall; today's tickets ended at 09:00.
    const k = await kiosk(['cmn', 'yue'], [], (snapshot) => {
      snapshot.hall.hours = { opens: '08:30', closes: '09:00' };
      snapshot.hall.schedule = { ...snapshot.hall.schedule, issueStopMinutes: 0 };
    });
    expect(k.wrapper.find('[data-testid="screen-closed"]').exists()).toBe(true);
    expect(k.wrapper.get('[data-testid="closed-next"]').text()).toContain('明天');
    const when = ['mingtian', 'ba', 'dian', 'san', 'shi', 'fen'];
    expect(await k.next()).toEqual([
      'cmn/kiosk_closed_1',
      ...when.map((c) => `cmn/${c}`),
      'yue/kiosk_closed_1',
      ...when.map((c) => `yue/${c}`),
    ]);
    expect(k.wrapper.find('[data-testid="screen-idle"]').exists()).toBe(false);
  });

  it('a failed print says so', async () => {
    const k = await kiosk(['cmn'], [{ ok: false, kind: 'paper_out' }]);
    await k.next();
    k.socket.answer = async () => ({ ok: true, data: issuedTicket({ id: 8, number: 'A001' }) });
    await k.click('service-A');
    const said = await k.next();
    expect(said.at(-1)).toBe('cmn/kiosk_printFailed');
    expect(said[0]).toBe('cmn/chime');
  });
});

describe('a Cantonese hall', () => {
  it('welcomes in each language, then speaks the visitor’s choice, and is back to both at idle', async () => {
    const k = await kiosk(['cmn', 'yue']);
    expect(await k.next()).toEqual(['cmn/kiosk_idle', 'yue/kiosk_idle']);

    expect(k.wrapper.get('[data-testid="voice-cmn"]').attributes('aria-pressed')).toBe('true');
    await k.click('voice-yue');
    expect(await k.next()).toEqual(['yue/kiosk_idle']);
    expect(k.wrapper.get('[data-testid="voice-yue"]').attributes('aria-pressed')).toBe('true');
    // The text stays Chinese.
    expect(k.wrapper.get('[data-testid="elderly-channel"]').text()).toContain('老年人绿色通道');

    await k.click('elderly-channel');
    expect(await k.next()).toEqual(['yue/kiosk_chooseElderly']);
    k.socket.answer = async () => ({ ok: true, data: issuedTicket({ id: 9, number: 'B105' }) });
    await k.click('service-B');
    const result = await k.next();
    expect(result.slice(0, 3)).toEqual(['yue/chime', 'yue/kiosk_result_1', 'yue/B']);
    expect(result.every((c) => c.startsWith('yue/'))).toBe(true);

    await k.click('done');
    expect(await k.next()).toEqual(['cmn/kiosk_idle', 'yue/kiosk_idle']);
    expect(k.visit.voiceLanguage).toBe('cmn');
    await k.click('elderly-channel');
    expect(await k.next()).toEqual(['cmn/kiosk_chooseElderly']);
  });

  it('shows no language choice in a Mandarin-only hall', async () => {
    const k = await kiosk(['cmn']);
    expect(k.wrapper.find('[data-testid="voice-choice"]').exists()).toBe(false);
  });
});
