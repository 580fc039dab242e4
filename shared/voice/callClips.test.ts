import { describe, expect, it } from 'vitest';
import { callUtterance, clipSequence } from './callClips';
import { clipsToText } from './clipText';
import { quantityClips, ticketNumberClips, windowNumberClips } from './numberClips';

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
    expect(clipsToText(clips, 'cmn')).toBe('请 B L 零 零 七 号 到 十 二 号 窗口 办理');
  });
});

describe('a call in each language', () => {
  const call = { number: 'A-L023', windowNumber: 3 };

  it('Mandarin: the Mandarin pack’s clips, in order, and simplified text for a zh-CN voice', () => {
    const u = callUtterance(call, 'cmn', 0.85);
    expect(u).toEqual({
      lang: 'cmn',
      clips: [
        'chime',
        'qing',
        'A',
        'L',
        'ling',
        'er',
        'san',
        'hao',
        'dao',
        'san',
        'hao',
        'chuangkou',
        'banli',
      ],
      text: '请 A L 零 二 三 号 到 三 号 窗口 办理',
      rate: 0.85,
    });
  });

  it('Cantonese: the same words from the Cantonese pack, and traditional text for a zh-HK voice', () => {
    const u = callUtterance(call, 'yue', 1);
    expect(u.lang).toBe('yue');
    expect(u.clips).toEqual(callUtterance(call, 'cmn', 1).clips);
    expect(u.text).toBe('請 A L 零 二 三 號 到 三 號 窗口 辦理');
  });
});

describe('quantityClips (people ahead)', () => {
  it('reads counts as quantities, with 两 for two', () => {
    expect(quantityClips(0)).toEqual(['ling']);
    expect(quantityClips(2)).toEqual(['liang']);
    expect(quantityClips(7)).toEqual(['qi']);
    expect(quantityClips(10)).toEqual(['shi']);
    expect(quantityClips(12)).toEqual(['shi', 'er']);
    expect(quantityClips(23)).toEqual(['er', 'shi', 'san']);
    expect(quantityClips(100)).toEqual(['yi', 'bai']);
    expect(quantityClips(105)).toEqual(['yi', 'bai', 'ling', 'wu']);
    expect(quantityClips(110)).toEqual(['yi', 'bai', 'yi', 'shi']);
    expect(quantityClips(234)).toEqual(['liang', 'bai', 'san', 'shi', 'si']);
    expect(quantityClips(1200)).toEqual(['yi', 'er', 'ling', 'ling']);
    expect(clipsToText(quantityClips(234), 'cmn')).toBe('两 百 三 十 四');
    expect(clipsToText(quantityClips(234), 'yue')).toBe('兩 百 三 十 四');
    expect(() => quantityClips(1.5)).toThrow(RangeError);
  });
});
