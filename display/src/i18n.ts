// Every screen shows Mandarin first and English second, so both locales are used at once:
// `zh()` and `en()` pick the language explicitly instead of switching a global locale.
import { createI18n, useI18n } from 'vue-i18n';
import zhCN from './locales/zh-CN';
import en from './locales/en';

export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

type Params = Record<string, string | number>;

export function useBilingual(): {
  zh: (key: string, params?: Params) => string;
  en: (key: string, params?: Params) => string;
} {
  const { t } = useI18n();
  // A numeric `count` also chooses the plural form ("1 person | 2 people"; Chinese has one form).
  const plural = (params: Params) => (typeof params.count === 'number' ? { plural: params.count } : {});
  return {
    zh: (key, params = {}) => t(key, params, { locale: 'zh-CN', ...plural(params) }),
    en: (key, params = {}) => t(key, params, { locale: 'en', ...plural(params) }),
  };
}
