import en from './en.json';
import fr from './fr.json';
import sw from './sw.json';

// Server-side message catalogues, one JSON file per locale (exports, standing agenda items; the
// Languages work extends them for notifications). English is the reference: every key exists in
// en.json, and a key missing from another catalogue falls back to English.
export type MessageKey = keyof typeof en;
export const CATALOGUES = { en, fr, sw } as const satisfies Record<string, Record<MessageKey, string>>;
export type Locale = keyof typeof CATALOGUES;
export const LOCALES = Object.keys(CATALOGUES) as Locale[];
export const DEFAULT_LOCALE: Locale = 'en';

function isLocale(v: string): v is Locale {
  return Object.prototype.hasOwnProperty.call(CATALOGUES, v);
}

// The catalogue for a BCP 47 tag ("fr-CD" → fr), or English.
export function toLocale(tag: string | null | undefined): Locale {
  const primary = (tag ?? '').split(/[-_]/)[0].toLowerCase();
  return isLocale(primary) ? primary : DEFAULT_LOCALE;
}

// A group speaks its first language (`languages[0]`); English when it lists none we have.
export function groupLocale(languages: readonly string[] | null | undefined): Locale {
  return toLocale(languages?.[0]);
}

// translate('fr', 'minutes.heading', { title: 'Réunion de janvier' }); `{name}` placeholders are
// filled from params and left as written when a param is missing.
export function translate(
  locale: string,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const catalogue: Partial<Record<MessageKey, string>> = CATALOGUES[toLocale(locale)];
  const text = catalogue[key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
