import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VOICE_LANGUAGES } from '@hall/shared/voice/languages';
import { kioskLine, lineTextClips, spokenTicketNumber, VOICE_KEYS } from './kioskLines';

describe('spoken ticket numbers', () => {
  it('reads characters one by one, digits in Chinese, without the dash', () => {
    expect(spokenTicketNumber('A-L023', 'cmn')).toBe('A L 零 二 三');
    expect(spokenTicketNumber('A-L023', 'yue')).toBe('A L 零 二 三');
    expect(spokenTicketNumber('B105', 'en')).toBe('B 1 0 5');
  });
});

describe('kiosk lines', () => {
  const result = { number: 'A-L023', count: 2, windows: [1, 12] };

  it('a fixed line is one clip per language, and its text in that language', () => {
    expect(kioskLine('paused', 'cmn')).toEqual({
      lang: 'cmn',
      text: '暂停取号，请到服务台。',
      clips: ['kiosk_paused'],
      rate: 0.85,
    });
    expect(kioskLine('paused', 'yue')).toMatchObject({
      text: '暫停取籌，請去服務台。',
      clips: ['kiosk_paused'],
    });
    expect(kioskLine('paused', 'en')).toMatchObject({
      clips: null,
      text: 'Ticketing paused. Please go to the service desk.',
    });
  });

  it('the closed line says when tickets are taken again, as one phrase', () => {
    const when = { dayOffset: 1, month: 12, date: 2, weekday: 3, time: '08:30', hour: 8, minute: 30 };
    expect(kioskLine('closed', 'cmn', { when })).toMatchObject({
      text: '现在不是取号时间。下次取号时间是明天八点三十分。',
      clips: ['kiosk_closed_1', 'mingtian', 'ba', 'dian', 'san', 'shi', 'fen'],
    });
    expect(
      kioskLine('closed', 'yue', { when: { ...when, dayOffset: 5, minute: 0, hour: 14 } }),
    ).toMatchObject({
      text: '而家唔係取籌時間。下次取籌時間係十二月二號十四點。',
      clips: ['kiosk_closed_1', 'shi', 'er', 'yuefen', 'er', 'ri', 'shi', 'si', 'dian'],
    });
    expect(kioskLine('closed', 'en', { when }).text).toBe(
      'Tickets are not issued now. The next time is tomorrow (Wed 2 Dec) at 08:30.',
    );
  });

  it('the result line: chime, its pieces and the number, count and windows read by the pack', () => {
    const cmn = kioskLine('result', 'cmn', result, { chime: true });
    expect(cmn.text).toBe('您的号码是 A L 零 二 三，前面还有 2 人，请留意 1 号、12 号窗口。');
    expect(cmn.clips).toEqual([
      'chime',
      'kiosk_result_1',
      'A',
      'L',
      'ling',
      'er',
      'san',
      'kiosk_result_2',
      'liang',
      'kiosk_result_3',
      'yi',
      'hao',
      'shi',
      'er',
      'hao',
      'kiosk_result_4',
    ]);
    const yue = kioskLine('result', 'yue', result, { chime: true });
    expect(yue.text).toBe('你嘅號碼係 A L 零 二 三，前面仲有 2 位，請留意 1 號、12 號窗口。');
    expect(yue.clips).toEqual(cmn.clips);
    expect(kioskLine('resultAny', 'cmn', { number: 'B105', count: 23 }).clips).toEqual([
      'kiosk_resultAny_1',
      'B',
      'yi',
      'ling',
      'wu',
      'kiosk_resultAny_2',
      'er',
      'shi',
      'san',
      'kiosk_resultAny_3',
    ]);
  });

  it('a time of day is read as people say it, the hour and minutes by the number clips', () => {
    const early = kioskLine('appointmentEarly', 'cmn', { time: '13:30' });
    expect(early.text).toBe('您来早了。请在 13点30分 以后再来签到。');
    expect(early.clips).toEqual([
      'kiosk_appointmentEarly_1',
      'shi',
      'san',
      'dian',
      'san',
      'shi',
      'fen',
      'kiosk_appointmentEarly_2',
    ]);
    // On the hour no minutes are said; two o'clock is 两点.
    expect(kioskLine('appointmentEarly', 'yue', { time: '14:00' }).clips).toEqual([
      'kiosk_appointmentEarly_1',
      'shi',
      'si',
      'dian',
      'kiosk_appointmentEarly_2',
    ]);
    expect(kioskLine('appointmentEarly', 'yue', { time: '14:00' }).text).toBe(
      '你嚟早咗。請喺 14點 之後再嚟簽到。',
    );
    expect(kioskLine('appointmentEarly', 'cmn', { time: '02:05' }).clips?.slice(1, 5)).toEqual([
      'liang',
      'dian',
      'wu',
      'fen',
    ]);
    expect(kioskLine('appointmentEarly', 'en', { time: '13:30' }).text).toBe(
      'You are early. Please check in after 13:30.',
    );
  });
});

/** The committed pack of a language: clip -> what it says. */
function packClips(lang: string): Record<string, string> {
  const file = fileURLToPath(
    new URL(`../../../../display/voice/pack/${lang}/manifest.json`, import.meta.url),
  );
  return (JSON.parse(readFileSync(file, 'utf8')) as { clips: Record<string, string> }).clips;
}
const words = (text: string): string => text.replace(/[\s\p{P}]/gu, '');

describe('the voice packs say every kiosk line (a missing clip fails here, not in the hall)', () => {
  for (const lang of VOICE_LANGUAGES) {
    it(`${lang}: every line's clips are in the pack, and the pack says the locale's words`, () => {
      const pack = packClips(lang);
      for (const key of VOICE_KEYS) {
        const line = kioskLine(
          key,
          lang,
          { number: 'A-L023', count: 123, windows: [1, 20] },
          { chime: true },
        );
        for (const clip of line.clips ?? [])
          expect(pack[clip], `${lang} ${key}: ${clip}`).toBeTypeOf('string');
        for (const { clip, text } of lineTextClips(key, lang)) {
          expect(words(pack[clip] ?? ''), `${lang}/${clip}`).toBe(words(text));
        }
      }
    });
  }
});
