import { describe, expect, it } from 'vitest';
import { Announcer, type Announcement } from './announcer';
import { clipSequence } from './callClips';
import type { VoiceLanguage } from './languages';
import { ticketNumberClips } from './numberClips';
import type { SpeechEngine, Utterance } from './types';

/** Records when each utterance starts and ends; takes `ms` to "speak". */
class RecordingEngine implements SpeechEngine {
  readonly name = 'recording';
  readonly log: { event: 'start' | 'end'; text: string; rate: number; lang: string }[] = [];
  active = 0;
  maxActive = 0;
  cancelled = 0;
  constructor(private readonly ms = 5) {}
  canSay(): boolean {
    return true;
  }
  async speak(u: Utterance): Promise<void> {
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    const text = (u.clips ?? []).join(' ');
    this.log.push({ event: 'start', text, rate: u.rate, lang: u.lang });
    await new Promise((r) => setTimeout(r, this.ms));
    this.log.push({ event: 'end', text, rate: u.rate, lang: u.lang });
    this.active -= 1;
  }
  cancel(): void {
    this.cancelled += 1;
  }
}

const call = (number: string, windowNumber: number, extra: Partial<Announcement> = {}): Announcement => ({
  number,
  windowNumber,
  priority: false,
  recall: false,
  ...extra,
});
const noSleep = (): Promise<void> => Promise.resolve();
const engineOf = (speak: SpeechEngine['speak'], cancel: () => void = () => undefined): SpeechEngine => ({
  name: 'fake',
  canSay: () => true,
  speak,
  cancel,
});

describe('Announcer', () => {
  it('speaks a burst of five calls in order, each once, never two at a time', async () => {
    const engine = new RecordingEngine();
    const announcer = new Announcer({ engine, repeat: () => 1, sleep: noSleep });
    const burst = ['A001', 'A002', 'B001', 'A-L003', 'C010'].map((n, i) => call(n, i + 1));
    for (const c of burst) announcer.announce(c);
    await announcer.idle();

    const starts = engine.log.filter((e) => e.event === 'start').map((e) => e.text);
    expect(starts).toEqual(burst.map((c) => clipSequence(c.number, c.windowNumber).join(' ')));
    expect(engine.maxActive).toBe(1);
    // strictly alternating start/end means no overlap
    expect(engine.log.map((e) => e.event)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? 'end' : 'start')),
    );
  });

  it('repeats each call rules.callRepeat times, read at the time of the call', async () => {
    const engine = new RecordingEngine(1);
    let repeat = 2;
    const announcer = new Announcer({ engine, repeat: () => repeat, sleep: noSleep });
    announcer.announce(call('A023', 3));
    await announcer.idle();
    repeat = 3;
    announcer.announce(call('A024', 4));
    await announcer.idle();
    const starts = engine.log.filter((e) => e.event === 'start').map((e) => e.text);
    expect(starts.filter((t) => t.includes('A ling er san'))).toHaveLength(2);
    expect(starts.filter((t) => t.includes('A ling er si'))).toHaveLength(3);
  });

  it('announces a recall again, after calls already queued', async () => {
    const engine = new RecordingEngine(1);
    const announcer = new Announcer({ engine, repeat: () => 1, sleep: noSleep });
    announcer.announce(call('A001', 1));
    announcer.announce(call('A002', 2));
    announcer.announce(call('A001', 1, { recall: true }));
    await announcer.idle();
    const starts = engine.log.filter((e) => e.event === 'start').map((e) => e.text);
    expect(starts).toEqual([
      clipSequence('A001', 1).join(' '),
      clipSequence('A002', 2).join(' '),
      clipSequence('A001', 1).join(' '),
    ]);
  });

  it('speaks priority calls slower', async () => {
    const engine = new RecordingEngine(1);
    const announcer = new Announcer({ engine, repeat: () => 1, sleep: noSleep, priorityRate: 0.8 });
    announcer.announce(call('A-L001', 1, { priority: true }));
    announcer.announce(call('A002', 2));
    await announcer.idle();
    expect(engine.log.filter((e) => e.event === 'start').map((e) => e.rate)).toEqual([0.8, 1]);
  });

  it('cancels a hanging utterance after the time-out and goes on with the queue', async () => {
    const spoken: string[] = [];
    let cancelled = 0;
    const engine = engineOf(
      (u) => {
        spoken.push((u.clips ?? []).join(' '));
        // The first call hangs forever; the others finish.
        return spoken.length === 1 ? new Promise<void>(() => undefined) : Promise.resolve();
      },
      () => {
        cancelled += 1;
      },
    );
    const errors: unknown[] = [];
    const announcer = new Announcer({
      engine,
      repeat: () => 1,
      sleep: noSleep,
      utteranceTimeoutMs: 30,
      onError: (e) => errors.push(e),
    });
    announcer.announce(call('A001', 1));
    announcer.announce(call('A002', 2));
    await announcer.idle();
    expect(spoken).toHaveLength(2);
    expect(cancelled).toBe(1);
    expect(errors).toHaveLength(1);
  });

  it('a throwing engine costs one utterance, not the queue', async () => {
    const spoken: string[] = [];
    const engine = engineOf(async (u) => {
      spoken.push((u.clips ?? []).join(' '));
      if (spoken.length === 1) throw new Error('audio device gone');
    });
    const announcer = new Announcer({ engine, repeat: () => 1, sleep: noSleep });
    announcer.announce(call('A001', 1));
    announcer.announce(call('A002', 2));
    await announcer.idle();
    expect(spoken).toHaveLength(2);
  });
});

describe('Announcer in several languages', () => {
  it('says each call in each language in turn, every repeat, in the order the hall set', async () => {
    const engine = new RecordingEngine(1);
    const announcer = new Announcer({
      engine,
      repeat: () => 2,
      languages: () => ['cmn', 'yue'],
      sleep: noSleep,
    });
    announcer.announce(call('A001', 3));
    announcer.announce(call('B002', 4));
    await announcer.idle();
    const starts = engine.log.filter((e) => e.event === 'start');
    const a = clipSequence('A001', 3).join(' ');
    const b = clipSequence('B002', 4).join(' ');
    expect(starts.map((s) => `${s.lang} ${s.text}`)).toEqual([
      `cmn ${a}`,
      `yue ${a}`,
      `cmn ${a}`,
      `yue ${a}`,
      `cmn ${b}`,
      `yue ${b}`,
      `cmn ${b}`,
      `yue ${b}`,
    ]);
    expect(engine.maxActive).toBe(1);
  });

  it('reads the languages per call, so a setting changed in the console applies to the next call', async () => {
    const engine = new RecordingEngine(1);
    let languages: VoiceLanguage[] = ['yue', 'cmn'];
    const announcer = new Announcer({ engine, repeat: () => 1, languages: () => languages, sleep: noSleep });
    announcer.announce(call('A001', 1));
    await announcer.idle();
    languages = ['cmn'];
    announcer.announce(call('A002', 1));
    await announcer.idle();
    expect(engine.log.filter((e) => e.event === 'start').map((e) => e.lang)).toEqual(['yue', 'cmn', 'cmn']);
  });
});

/**
 * A virtual clock: each utterance takes `speakMs`, each pause `pauseMs`. Calls can be scheduled to
 * arrive while an utterance is being spoken, so the test needs no real timers and no timing luck.
 */
function backlogRig(options: {
  speakMs: number;
  pauseMs: number;
  repeat: number;
  languages: VoiceLanguage[];
  maxDelayMs: number;
}) {
  let clock = 0;
  const arrivals: { at: number; call: Announcement }[] = [];
  const spoken: { number: string; lang: string; start: number; end: number }[] = [];
  const arrivedAt = new Map<string, number>();
  let active = 0;
  let overlaps = 0;
  // eslint-disable-next-line prefer-const -- assigned after the engine that refers to it
  let announcer: Announcer;
  const engine: SpeechEngine = {
    name: 'timed',
    canSay: () => true,
    cancel: () => undefined,
    speak: async (u) => {
      active += 1;
      if (active > 1) overlaps += 1;
      const start = clock;
      // Calls scheduled during this utterance arrive at their own moment.
      while (arrivals.length > 0 && arrivals[0]!.at < start + options.speakMs) {
        const next = arrivals.shift()!;
        clock = Math.max(clock, next.at);
        arrivedAt.set(next.call.number, clock);
        announcer.announce(next.call);
      }
      clock = start + options.speakMs;
      const clips = u.clips ?? [];
      const number = clips.slice(2, clips.indexOf('hao')).join(' ');
      spoken.push({ number, lang: u.lang, start, end: clock });
      active -= 1;
    },
  };
  announcer = new Announcer({
    engine,
    repeat: () => options.repeat,
    languages: () => options.languages,
    maxDelayMs: () => options.maxDelayMs,
    pauseMs: options.pauseMs,
    utteranceEstimateMs: options.speakMs,
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
  });
  return {
    announcer,
    spoken,
    arrivedAt,
    overlaps: () => overlaps,
    /** A call arriving now (at the current virtual time). */
    now(number: string, windowNumber: number) {
      arrivedAt.set(number, clock);
      announcer.announce(call(number, windowNumber));
    },
    /** A call arriving at virtual time `at`, during whatever is being spoken then (schedule first). */
    later(at: number, number: string, windowNumber: number) {
      arrivals.push({ at, call: call(number, windowNumber) });
    },
  };
}

/** How a ticket number appears in the clips: 'A-L003' -> 'A L ling ling san'. */
const spokenNumber = (number: string): string => ticketNumberClips(number).join(' ');

describe('Announcer under a backlog', () => {
  // One utterance 3 s + 0.5 s pause; two languages: one round of a call takes 7 s.
  const base = { speakMs: 3000, pauseMs: 500, repeat: 2, languages: ['cmn', 'yue'] as VoiceLanguage[] };

  it('a burst: every call spoken, in order, in both languages, never overlapping; repeats of older calls give way; no call waits longer than the bound when it can be met', async () => {
    const maxDelayMs = 15_000;
    const rig = backlogRig({ ...base, maxDelayMs });
    const burst = ['A001', 'A002', 'B001', 'A-L003', 'C010', 'A004'];
    burst.forEach((n, i) => rig.now(n, i + 1));
    await rig.announcer.idle();

    const said = rig.spoken;
    // Completeness and order: each call's utterances are contiguous, in arrival order, and each
    // call is said at least once in each language, Mandarin first.
    const order = said.map((s) => s.number).filter((n, i, all) => all[i - 1] !== n);
    expect(order).toEqual(burst.map(spokenNumber));
    for (const number of burst.map(spokenNumber)) {
      const langs = said.filter((s) => s.number === number).map((s) => s.lang);
      expect(langs.slice(0, 2)).toEqual(['cmn', 'yue']);
      expect(langs.length % 2).toBe(0);
    }
    expect(rig.overlaps()).toBe(0);
    for (let i = 1; i < said.length; i++) expect(said[i]!.start).toBeGreaterThanOrEqual(said[i - 1]!.end);

    // The bound: each call starts within 15 s of its arrival wherever the calls ahead of it,
    // spoken once each (7 s per call), leave room for that; where they do not, it waits no longer
    // than that minimum.
    const round = 2 * (base.speakMs + base.pauseMs);
    burst.forEach((n, i) => {
      const start = said.find((s) => s.number === spokenNumber(n))!.start;
      const delay = start - rig.arrivedAt.get(n)!;
      expect(delay, n).toBeLessThanOrEqual(Math.max(maxDelayMs, i * round));
    });
    // Repeats gave way while calls waited, and came back when none did: the last call, with
    // nobody behind it, is said in full (2 rounds).
    const rounds = (n: string) => said.filter((s) => s.number === spokenNumber(n)).length / 2;
    expect(rounds('A001')).toBe(1);
    expect(rounds('A004')).toBe(2);
  });

  it('a call waiting within the bound does not cut the repeats of the call before it', async () => {
    const rig = backlogRig({ ...base, maxDelayMs: 15_000 });
    rig.later(1000, 'A002', 2); // during A001's first utterance; A001's second round still leaves it 13 s
    rig.now('A001', 1);
    await rig.announcer.idle();
    expect(rig.spoken.map((s) => s.number)).toEqual([
      ...Array<string>(4).fill(spokenNumber('A001')),
      ...Array<string>(4).fill(spokenNumber('A002')),
    ]);
  });

  it('a call that arrives during the first round of an older call cuts that call’s repeat, not its own', async () => {
    const rig = backlogRig({ ...base, maxDelayMs: 5000 });
    rig.later(1000, 'A002', 2); // during A001's Mandarin utterance
    rig.now('A001', 1);
    await rig.announcer.idle();
    expect(rig.spoken.map((s) => `${s.number} ${s.lang}`)).toEqual([
      `${spokenNumber('A001')} cmn`,
      `${spokenNumber('A001')} yue`,
      // A001's second round would make A002 wait 13 s > 5 s: skipped.
      `${spokenNumber('A002')} cmn`,
      `${spokenNumber('A002')} yue`,
      `${spokenNumber('A002')} cmn`,
      `${spokenNumber('A002')} yue`,
    ]);
    const a002 = rig.spoken.find((s) => s.number === spokenNumber('A002'))!;
    expect(a002.start - rig.arrivedAt.get('A002')!).toBe(6000);
  });

  it('with no bound set, a burst keeps every repeat (the behaviour before the bound existed)', async () => {
    const rig = backlogRig({ ...base, maxDelayMs: Number.POSITIVE_INFINITY });
    ['A001', 'A002', 'A003'].forEach((n, i) => rig.now(n, i + 1));
    await rig.announcer.idle();
    expect(rig.spoken).toHaveLength(3 * 2 * 2);
  });
});
