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

// A parameter of a catalogue text that is itself rendered per locale: another catalogue text
// (an enum value such as a status), a moment in a named time zone, or a calendar date.
export type MessageParam =
  | string
  | number
  | { key: MessageKey; params?: Record<string, string | number> }
  | { dateTime: string | Date; timeZone: string }
  | { date: string };

export interface LocalizedMessage {
  title: MessageKey;
  body?: MessageKey;
  params?: Record<string, MessageParam>;
}

// A moment as the recipient reads it: their language, the meeting's time zone, the zone named
// ("mercredi 3 mars 2027 à 10:00 (Africa/Lubumbashi)").
// English dates read the British way (day before month), as the platform always wrote them.
const intlLocale = (locale: string): string => (toLocale(locale) === 'en' ? 'en-GB' : toLocale(locale));

export function formatDateTime(locale: string, at: string | Date, timeZone: string): string {
  const format = (zone: string) =>
    new Intl.DateTimeFormat(intlLocale(locale), {
      timeZone: zone,
      dateStyle: 'full',
      timeStyle: 'short',
    }).format(new Date(at));
  try {
    return `${format(timeZone)} (${timeZone})`;
  } catch {
    // A zone this runtime does not know: UTC, and said so (never a failed notification).
    return `${format('UTC')} (UTC)`;
  }
}

// A calendar date (`YYYY-MM-DD`, no time zone) in the recipient's language ("3 mars 2027").
export function formatDate(locale: string, isoDate: string): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: 'UTC', dateStyle: 'long' }).format(d);
}

export function renderParams(
  locale: string,
  params: Record<string, MessageParam> = {},
): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).map(([name, p]) => {
      if (typeof p !== 'object') return [name, p];
      if ('key' in p) return [name, translate(locale, p.key, p.params)];
      if ('dateTime' in p) return [name, formatDateTime(locale, p.dateTime, p.timeZone)];
      return [name, formatDate(locale, p.date)];
    }),
  );
}

// A catalogue message (title and optional body) in one locale.
export function renderMessage(locale: string, m: LocalizedMessage): { title: string; body: string | null } {
  const params = renderParams(locale, m.params);
  return {
    title: translate(locale, m.title, params),
    body: m.body ? translate(locale, m.body, params) : null,
  };
}
