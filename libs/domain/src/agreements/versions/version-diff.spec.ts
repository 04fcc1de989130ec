import { diffSections, wordChanges } from './version-diff';

const s = (key: string, heading: string, body: string) => ({ key, heading, body });

describe('diffSections', () => {
  it('reports added, removed, changed and unchanged clauses by key', () => {
    const before = [
      s('a', 'Adherence', 'Act lawfully.'),
      s('b', 'Policies', 'Respect them.'),
      s('c', 'Vetting', 'Vet.'),
    ];
    const after = [
      s('a', 'Adherence', 'Act lawfully.'),
      s('c', 'Vetting', 'Vet all personnel.'),
      s('k', 'Grievances', 'A mechanism.'),
    ];
    const diff = diffSections(before, after);
    expect(diff.map((d) => [d.key, d.change])).toEqual([
      ['a', 'unchanged'],
      ['c', 'changed'],
      ['k', 'added'],
      ['b', 'removed'],
    ]);
    expect(diff[1]).toMatchObject({
      headingChanged: false,
      bodyChanged: true,
      before: { heading: 'Vetting', body: 'Vet.' },
      after: { heading: 'Vetting', body: 'Vet all personnel.' },
    });
    expect(diff[2]).toMatchObject({ before: null, after: { heading: 'Grievances', body: 'A mechanism.' } });
    expect(diff[3]).toMatchObject({ before: { heading: 'Policies' }, after: null });
    expect(diff[0].bodyChanges).toEqual([]);
  });

  it('sees a heading change alone', () => {
    const [d] = diffSections([s('a', 'Old', 'Same.')], [s('a', 'New', 'Same.')]);
    expect(d).toMatchObject({ change: 'changed', headingChanged: true, bodyChanged: false, bodyChanges: [] });
  });

  it('is empty between two empty versions and symmetric in kind', () => {
    expect(diffSections([], [])).toEqual([]);
    expect(diffSections([s('a', 'A', 'x')], []).map((d) => d.change)).toEqual(['removed']);
    expect(diffSections([], [s('a', 'A', 'x')]).map((d) => d.change)).toEqual(['added']);
  });
});

describe('wordChanges', () => {
  it('marks inserted and deleted words and keeps the rest', () => {
    const changes = wordChanges('No lethal equipment is provided.', 'No equipment of any kind is provided.');
    expect(changes.filter((c) => c.op === 'delete').map((c) => c.text.trim())).toEqual(['lethal']);
    expect(
      changes
        .filter((c) => c.op === 'insert')
        .map((c) => c.text.trim())
        .join(' '),
    ).toContain('of any kind');
    // Replaying equal + insert gives the new text; equal + delete the old one.
    expect(
      changes
        .filter((c) => c.op !== 'delete')
        .map((c) => c.text)
        .join(''),
    ).toBe('No equipment of any kind is provided.');
    expect(
      changes
        .filter((c) => c.op !== 'insert')
        .map((c) => c.text)
        .join(''),
    ).toBe('No lethal equipment is provided.');
  });
});
