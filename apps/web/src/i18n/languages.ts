// The languages of the interface, and the Intl locale each formats dates with.
export const LANGUAGES = ['en', 'fr', 'sw'] as const;
export type Language = (typeof LANGUAGES)[number];

// en-GB: day before month and a 24-hour clock, as read in Lubumbashi, Nairobi or Geneva.
const INTL_LOCALES: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR', sw: 'sw' };

// The UI language is not confidential; until the profile stores it (PATCH /me {locale}) it is
// kept on the device.
const STORAGE_KEY = 'roundtable.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function intlLocale(language: string): string {
  return isLanguage(language) ? INTL_LOCALES[language] : language;
}

export function initialLanguage(
  storage: Pick<Storage, 'getItem'> | undefined,
  browser: readonly string[],
): Language {
  const stored = storage?.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function rememberLanguage(storage: Pick<Storage, 'setItem'> | undefined, language: Language): void {
  try {
    storage?.setItem(STORAGE_KEY, language);
  } catch {
    // private mode or storage disabled: the choice lasts for this page only
  }
}
