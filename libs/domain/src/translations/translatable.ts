// The kinds of source a translation may be of, and the fields each one translates.
export const TRANSLATABLE_TYPES = [
  'document',
  'agreement_clause',
  'agreement_annex',
  'agenda_item',
  'minutes',
  'recommendation',
] as const;
export type TranslatableType = (typeof TRANSLATABLE_TYPES)[number];

export const TRANSLATION_STATUSES = ['draft', 'reviewed', 'approved'] as const;
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number];

export type FieldKind = 'text' | 'list';
export type TranslatedFields = Record<string, string | string[] | null>;

export const TRANSLATABLE_FIELDS: Record<TranslatableType, Record<string, FieldKind>> = {
  document: { title: 'text', body: 'text' },
  agreement_clause: { heading: 'text', body: 'text' },
  agreement_annex: { title: 'text', body: 'text' },
  agenda_item: { title: 'text', description: 'text' },
  minutes: { body: 'text', keyIssues: 'list', decisions: 'list' },
  recommendation: { title: 'text', description: 'text' },
};

// Only agreements have authentic language versions (the rest are always courtesy translations).
export function mayBeAuthentic(type: TranslatableType): boolean {
  return type === 'agreement_clause' || type === 'agreement_annex';
}

// Problems with a translation's fields: unknown names, wrong kinds, over-long texts.
export function fieldErrors(
  type: TranslatableType,
  fields: Record<string, unknown>,
): { field: string; message: string }[] {
  const spec = TRANSLATABLE_FIELDS[type];
  const errors: { field: string; message: string }[] = [];
  for (const [name, value] of Object.entries(fields)) {
    const kind = spec[name];
    const field = `fields.${name}`;
    if (!kind) {
      errors.push({
        field,
        message: `${field} is not a translatable field of ${type} (${Object.keys(spec).join(', ')})`,
      });
    } else if (kind === 'text') {
      if (typeof value !== 'string') errors.push({ field, message: `${field} must be a string` });
      else if (value.length > 200_000)
        errors.push({ field, message: `${field} must be at most 200000 characters` });
    } else if (
      !Array.isArray(value) ||
      value.some((v) => typeof v !== 'string' || v.length > 2000) ||
      value.length > 100
    ) {
      errors.push({
        field,
        message: `${field} must be a list of at most 100 strings of at most 2000 characters`,
      });
    }
  }
  return errors;
}

// The translation as read: each field translated, or the source's where the translation has none.
export function mergeFields(source: TranslatedFields, translated: TranslatedFields | null): TranslatedFields {
  if (!translated) return source;
  const out: TranslatedFields = { ...source };
  for (const key of Object.keys(source)) {
    const v = translated[key];
    if (v !== undefined && v !== null) out[key] = v;
  }
  return out;
}

export function sameFields(a: TranslatedFields, b: TranslatedFields): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null)) return false;
  return true;
}
