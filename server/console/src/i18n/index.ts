// vue-i18n setup: Chinese first, English second; the choice is remembered on this PC.
// The admin pages (src/admin/, another part of the app) may add their own messages in
// src/admin/locales/{zh-CN,en}.ts exporting a default object; they are merged in here.
import { createI18n } from 'vue-i18n';
import zhCN, { type Messages } from './locales/zh-CN';
import en from './locales/en';

export const LOCALES = ['zh-CN', 'en'] as const;
export type ConsoleLocale = (typeof LOCALES)[number];

const LOCALE_KEY = 'hallConsole.locale';

type Extra = Record<string, unknown>;
const adminMessages = import.meta.glob<{ default: Extra }>('../admin/locales/*.ts', { eager: true });

function extraFor(locale: ConsoleLocale): Extra {
  return adminMessages[`../admin/locales/${locale}.ts`]?.default ?? {};
}

function storedLocale(): ConsoleLocale {
  const saved = localStorage.getItem(LOCALE_KEY);
  return saved === 'en' ? 'en' : 'zh-CN';
}

export const i18n = createI18n<[Messages], ConsoleLocale, false>({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'zh-CN',
  messages: {
    'zh-CN': { ...zhCN, ...extraFor('zh-CN') } as Messages,
    en: { ...en, ...extraFor('en') } as Messages,
  },
});

export function setLocale(locale: ConsoleLocale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(LOCALE_KEY, locale);
  document.documentElement.lang = locale;
}

export function currentLocale(): ConsoleLocale {
  return i18n.global.locale.value;
}
