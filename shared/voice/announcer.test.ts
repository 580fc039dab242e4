import { describe, expect, it } from 'vitest';
import { Announcer, type Announcement } from './announcer';
import { clipSequence } from './clipSequence';
import type { SpeechEngine, Utterance } from './types';

/** Records when each utterance starts and ends; takes `ms` to "speak". */
class RecordingEngine implements SpeechEngine {
  readonly log: { event: 'start' | 'end'; text: string; rate: number }[] = [];
  active = 0;
  maxActive = 0;
  cancelled = 0;
  constructor(private readonly ms = 5) {}
  async speak(u: Utterance): Promise<void> {
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    this.log.push({ event: 'start', text: u.clips.join(' '), rate: u.rate });
    await new Promise((r) => setTimeout(r, this.ms));
    this.log.push({ event: 'end', text: u.clips.join(' '), rate: u.rate });
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
    const engine: SpeechEngine = {
      speak: (u) => {
        spoken.push(u.clips.join(' '));
        // The first call hangs forever; the others finish.
        return spoken.length === 1 ? new Promise<void>(() => undefined) : Promise.resolve();
      },
      cancel: () => {
        cancelled += 1;
      },
    };
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
    const engine: SpeechEngine = {
      speak: async (u) => {
        spoken.push(u.clips.join(' '));
        if (spoken.length === 1) throw new Error('audio device gone');
      },
    };
    const announcer = new Announcer({ engine, repeat: () => 1, sleep: noSleep });
    announcer.announce(call('A001', 1));
    announcer.announce(call('A002', 2));
    await announcer.idle();
    expect(spoken).toHaveLength(2);
  });
});
