import { registerDecorator, ValidationOptions } from 'class-validator';
import languages from 'language-subtag-registry/data/json/language.json';
import regions from 'language-subtag-registry/data/json/region.json';
import scripts from 'language-subtag-registry/data/json/script.json';

const has = (table: Record<string, number>, subtag: string | undefined): boolean =>
  subtag === undefined || Object.prototype.hasOwnProperty.call(table, subtag.toLowerCase());

// A BCP 47 language tag in its canonical form (`fr-cd` → `fr-CD`), or null when it is not one:
// well-formed (Intl.getCanonicalLocales) and made of subtags the IANA registry knows (its
// language, script and region), so `xx` or `fr-ZZ` are refused while `sw-CD` and `pt-MZ` pass.
export function canonicalLocale(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 35) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    if (!canonical) return null;
    const parsed = new Intl.Locale(canonical);
    if (!has(languages, parsed.language) || !has(scripts, parsed.script) || !has(regions, parsed.region))
      return null;
    return canonical;
  } catch {
    return null;
  }
}

// class-transformer: `@Transform(toCanonicalLocale)` before `@IsLocaleTag()`.
export const toCanonicalLocale = ({ value }: { value: unknown }): unknown => canonicalLocale(value) ?? value;

export function IsLocaleTag(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isLocaleTag',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a BCP 47 language tag such as fr or sw-CD', ...options },
      validator: { validate: (v: unknown) => canonicalLocale(v) === v },
    });
}

// Accept-Language (RFC 9110 §12.5.4) as tags in order of preference; `*`, malformed entries and
// q=0 are dropped (a header is a hint, never a reason to refuse the request).
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  const entries = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { tag: canonicalLocale(tag.trim()), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((e): e is { tag: string; q: number; index: number } => e.tag !== null && e.q > 0);
  entries.sort((a, b) => b.q - a.q || a.index - b.index);
  return entries.map((e) => e.tag);
}

// The best of `available` for one wanted tag: the same tag, else one of the same language
// (`fr-CD` wanted, `fr` held, or the other way round), else null.
export function matchLocale(wanted: string, available: readonly string[]): string | null {
  const lower = wanted.toLowerCase();
  const exact = available.find((a) => a.toLowerCase() === lower);
  if (exact) return exact;
  const language = lower.split('-')[0];
  const generic = available.find((a) => a.toLowerCase() === language);
  if (generic) return generic;
  return available.find((a) => a.toLowerCase().split('-')[0] === language) ?? null;
}

// Locale negotiation for a read: the first preference (in order: `?locale=`, Accept-Language,
// the group's languages) that one of `available` matches, else the source's own locale.
export function negotiateLocale(
  preferences: readonly string[],
  available: readonly string[],
  sourceLocale: string,
): string {
  const candidates = [sourceLocale, ...available.filter((a) => a !== sourceLocale)];
  for (const wanted of preferences) {
    const hit = matchLocale(wanted, candidates);
    if (hit) return hit;
  }
  return sourceLocale;
}
