import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALL_CLIPS, clipSequence, clipsToText, ticketNumberClips, windowNumberClips } from './clipSequence';

describe('clipSequence', () => {
  it('reads a normal number digit by digit, then the window', () => {
    expect(clipSequence('A003', 1)).toEqual([
      'chime',
      'qing',
      'A',
      'ling',
      'ling',
      'san',
      'hao',
      'dao',
      'yi',
      'hao',
      'chuangkou',
      'banli',
    ]);
  });

  it('skips the dash of a priority number and reads the class letter', () => {
    expect(ticketNumberClips('A-L120')).toEqual(['A', 'L', 'yi', 'er', 'ling']);
    expect(ticketNumberClips('L120')).toEqual(['L', 'yi', 'er', 'ling']);
  });

  it('reads window numbers the way people say them', () => {
    expect(windowNumberClips(3)).toEqual(['san']);
    expect(windowNumberClips(10)).toEqual(['shi']);
    expect(windowNumberClips(12)).toEqual(['shi', 'er']);
    expect(windowNumberClips(20)).toEqual(['er', 'shi']);
    expect(windowNumberClips(35)).toEqual(['san', 'shi', 'wu']);
    expect(windowNumberClips(101)).toEqual(['yi', 'ling', 'yi']);
    expect(() => windowNumberClips(-1)).toThrow(RangeError);
  });

  it('builds the whole sentence for window 12', () => {
    const clips = clipSequence('B-L007', 12);
    expect(clips).toEqual([
      'chime',
      'qing',
      'B',
      'L',
      'ling',
      'ling',
      'qi',
      'hao',
      'dao',
      'shi',
      'er',
      'hao',
      'chuangkou',
      'banli',
    ]);
    expect(clipsToText(clips)).toBe('请 B L 零 零 七 号 到 十 二 号 窗口 办理');
  });

  it('the committed voice pack has every clip the sequences can use', () => {
    const pack = fileURLToPath(new URL('../../voice/pack/', import.meta.url));
    const manifest = JSON.parse(readFileSync(`${pack}manifest.json`, 'utf8')) as {
      clips: Record<string, string>;
    };
    for (const clip of ALL_CLIPS) {
      expect(manifest.clips[clip], clip).toBeTypeOf('string');
      expect(existsSync(`${pack}${clip}.wav`), clip).toBe(true);
    }
  });
});
