// How a ticket number is read aloud: character by character, as halls call them. Letters keep
// their English names; digits are 零一二… in Mandarin. The dash of A-L023 is not spoken.
import type { KioskLocale } from '../locales/i18n';

const ZH_DIGITS = '零一二三四五六七八九';
const DIGIT_CLIPS = ['ling', 'yi', 'er', 'san', 'si', 'wu', 'liu', 'qi', 'ba', 'jiu'];

function characters(number: string): string[] {
  return number
    .toUpperCase()
    .split('')
    .filter((ch) => /[A-Z0-9]/.test(ch));
}

export function spokenTicketNumber(number: string, lang: KioskLocale): string {
  return characters(number)
    .map((ch) => (lang === 'zh-CN' && /\d/.test(ch) ? ZH_DIGITS[Number(ch)]! : ch))
    .join(' ');
}

/** The number as clip names of the display's voice pack ('A-L023' -> A L ling er san). */
export function ticketNumberClips(number: string): string[] {
  return characters(number).map((ch) => (/\d/.test(ch) ? DIGIT_CLIPS[Number(ch)]! : ch));
}
