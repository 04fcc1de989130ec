import { diffWordsWithSpace } from 'diff';

export interface DiffableSection {
  key: string;
  heading: string; // a clause's heading, an annex's title
  body: string;
}

export type SectionChange = 'added' | 'removed' | 'changed' | 'unchanged';

export interface TextChange {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface SectionDiff {
  key: string;
  change: SectionChange;
  before: { heading: string; body: string } | null;
  after: { heading: string; body: string } | null;
  headingChanged: boolean;
  bodyChanged: boolean;
  // Word by word, from before to after (only for changed bodies).
  bodyChanges: TextChange[];
}

// Section by section (clauses by key, annexes by key): what changed from `before` to `after`.
// Sections come in the order of `after`, then those removed in their former order.
export function diffSections(before: DiffableSection[], after: DiffableSection[]): SectionDiff[] {
  const old = new Map(before.map((s) => [s.key, s]));
  const kept = new Set(after.map((s) => s.key));
  const out: SectionDiff[] = after.map((s) => {
    const prev = old.get(s.key);
    if (!prev) {
      return {
        key: s.key,
        change: 'added',
        before: null,
        after: { heading: s.heading, body: s.body },
        headingChanged: false,
        bodyChanged: false,
        bodyChanges: [],
      };
    }
    const headingChanged = prev.heading !== s.heading;
    const bodyChanged = prev.body !== s.body;
    return {
      key: s.key,
      change: headingChanged || bodyChanged ? 'changed' : 'unchanged',
      before: { heading: prev.heading, body: prev.body },
      after: { heading: s.heading, body: s.body },
      headingChanged,
      bodyChanged,
      bodyChanges: bodyChanged ? wordChanges(prev.body, s.body) : [],
    };
  });
  for (const s of before) {
    if (kept.has(s.key)) continue;
    out.push({
      key: s.key,
      change: 'removed',
      before: { heading: s.heading, body: s.body },
      after: null,
      headingChanged: false,
      bodyChanged: false,
      bodyChanges: [],
    });
  }
  return out;
}

export function wordChanges(before: string, after: string): TextChange[] {
  return diffWordsWithSpace(before, after).map((part) => ({
    op: part.added ? 'insert' : part.removed ? 'delete' : 'equal',
    text: part.value,
  }));
}
