// Speaks a screen's line. The words follow the visitor: English when they switched the screen to
// English, otherwise the spoken language they chose on the start screen (粤语 / 普通话), or the
// hall's first language. The start screen's welcome is said in each of the hall's languages, so
// every visitor hears that the kiosk speaks theirs.
import { useI18n } from 'vue-i18n';
import { toKioskLocale } from '../locales/i18n';
import { useVisitStore } from '../stores/visit';
import { kioskLine, type LineParams, type VoiceKey } from './kioskLines';
import { say } from './kioskVoice';

export interface ScreenVoiceOptions {
  /** Say the line in every hall language in turn (unless the visitor chose one). */
  everyLanguage?: boolean;
  /** Start with the chime (the ticket number on the result screen). */
  chime?: boolean;
}

export function useScreenVoice() {
  const { locale } = useI18n();
  const visit = useVisitStore();
  return (key: VoiceKey, params: LineParams = {}, options: ScreenVoiceOptions = {}): void => {
    if (toKioskLocale(locale.value) === 'en') {
      say(kioskLine(key, 'en', params, options));
      return;
    }
    const languages =
      options.everyLanguage && visit.voiceChoice === null ? visit.voiceLanguages : [visit.voiceLanguage];
    say(languages.map((lang) => kioskLine(key, lang, params, options)));
  };
}
