import { createI18n } from '@/i18n/i18n';

// An i18next instance with the real catalogues, initialised and with `namespaces` loaded.
export async function testI18n(language: string, namespaces: string[] = ['common']) {
  const i18n = createI18n(language);
  if (!i18n.isInitialized) await new Promise<void>((ready) => i18n.on('initialized', () => ready()));
  await i18n.loadNamespaces(namespaces);
  await i18n.changeLanguage(language);
  return i18n;
}
