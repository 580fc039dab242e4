// vue-i18n in composition mode. Mandarin is the default; the English toggle lasts for one visitor
// (the visit store switches back on every return to the idle screen).
import { createI18n } from 'vue-i18n';
import zhCN, { type KioskMessages } from './zh-CN';
import en from './en';

export type KioskLocale = 'zh-CN' | 'en';
export const KIOSK_LOCALES: readonly KioskLocale[] = ['zh-CN', 'en'];

export function toKioskLocale(value: string | null | undefined): KioskLocale {
  return value && value.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export function createKioskI18n(locale: KioskLocale = 'zh-CN') {
  return createI18n<[KioskMessages], KioskLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en },
  });
}
