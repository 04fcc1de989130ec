// A three-way merge of the minutes' fields after a stale save (409): the version the editor
// started from (base), what they typed (mine) and what was saved meanwhile (theirs). Nothing the
// person typed is dropped: a field only they changed keeps their text, a field only the other
// side changed takes theirs, and a field both changed differently is a conflict they decide.

export interface MinutesFields {
  body: string;
  keyIssues: string[];
  decisions: string[];
}
export type FieldName = keyof MinutesFields;
export const FIELDS: readonly FieldName[] = ['body', 'keyIssues', 'decisions'];

export type MergeStatus = 'same' | 'mine' | 'theirs' | 'conflict';

export interface FieldMerge<F extends FieldName = FieldName> {
  field: F;
  base: MinutesFields[F];
  mine: MinutesFields[F];
  theirs: MinutesFields[F];
  status: MergeStatus;
}

const equal = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function mergeField<F extends FieldName>(
  field: F,
  base: MinutesFields,
  mine: MinutesFields,
  theirs: MinutesFields,
): FieldMerge<F> {
  const b = base[field];
  const m = mine[field];
  const th = theirs[field];
  const status: MergeStatus = equal(m, th)
    ? 'same'
    : equal(m, b)
      ? 'theirs'
      : equal(th, b)
        ? 'mine'
        : 'conflict';
  return { field, base: b, mine: m, theirs: th, status };
}

export function threeWayMerge(base: MinutesFields, mine: MinutesFields, theirs: MinutesFields): FieldMerge[] {
  return FIELDS.map((f) => mergeField(f, base, mine, theirs));
}

// The merged fields before the person decides: conflicts keep their own text.
export function proposedMerge(merges: FieldMerge[]): MinutesFields {
  const out: Partial<Record<FieldName, unknown>> = {};
  for (const m of merges) out[m.field] = m.status === 'theirs' ? m.theirs : m.mine;
  return out as unknown as MinutesFields;
}

// Lists are edited as one entry per line.
export const listToText = (items: readonly string[]) => items.join('\n');
export const textToList = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function isDirty(base: MinutesFields, draft: MinutesFields): boolean {
  return !equal(base, draft);
}
