import i18n, { type i18n as I18n } from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import { initialLanguage, LANGUAGES } from './languages';

// Message catalogues live beside their code: src/locales/<lng>.json is the `common` namespace,
// src/features/<feature>/locales/<lng>.json the namespace named after the feature. Each is its
// own chunk, loaded when a screen first needs it, in the current language only.
const catalogues = import.meta.glob<{ default: Record<string, unknown> }>([
  '../locales/*.json',
  '../features/*/locales/*.json',
]);

export function cataloguePath(language: string, namespace: string): string {
  return namespace === 'common'
    ? `../locales/${language}.json`
    : `../features/${namespace}/locales/${language}.json`;
}

export async function loadCatalogue(language: string, namespace: string): Promise<Record<string, unknown>> {
  const load = catalogues[cataloguePath(language, namespace)];
  if (!load) throw new Error(`No catalogue ${namespace}/${language}`);
  return (await load()).default;
}

export function createI18n(language: string): I18n {
  const instance = i18n.createInstance();
  void instance
    .use(initReactI18next)
    .use(resourcesToBackend(loadCatalogue))
    .init({
      lng: language,
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
      ns: ['common'],
      defaultNS: 'common',
      fallbackNS: 'common',
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
    });
  return instance;
}

export function browserLanguage() {
  const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
  return initialLanguage(storage, typeof navigator === 'undefined' ? [] : navigator.languages);
}
