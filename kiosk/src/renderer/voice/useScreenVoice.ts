// Speaks a screen's line from the locale files in the visitor's current language.
import { useI18n } from 'vue-i18n';
import { toKioskLocale } from '../locales/i18n';
import { say } from './kioskVoice';

export function useScreenVoice() {
  const { t, locale } = useI18n();
  return (
    key: string,
    params: Record<string, string | number> = {},
    clips: readonly string[] | null = null,
  ) => {
    say({ text: t(key, params), lang: toKioskLocale(locale.value), clips });
  };
}
