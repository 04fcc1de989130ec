import { AgreementDocument, renderAgreementMarkdown } from './agreement-markdown';

const doc = (extra: Partial<AgreementDocument> = {}): AgreementDocument => ({
  locale: 'en',
  sourceLocale: 'en',
  groupName: 'Lualaba working group',
  title: 'MoU on security\nand human rights',
  kind: 'mou',
  level: 'national',
  status: 'in_force',
  version: { number: 2, status: 'agreed', revision: 4, agreedAt: '2027-03-01T10:00:00.000Z' },
  parties: [
    { organisation: 'Kamoto Mining', role: 'company', unit: null },
    { organisation: 'Police des mines', role: 'public_security', unit: 'Lualaba' },
  ],
  clauses: [{ key: 'c', heading: 'Vetting', body: 'No person credibly implicated…\n\n- is deployed' }],
  annexes: [{ key: 'vps', title: 'The Voluntary Principles', body: 'Text.' }],
  legalReferences: [
    { kind: 'statute', citation: 'Code minier, art. 207', url: 'https://example.org', clauseKey: 'e' },
  ],
  signatures: [
    {
      organisation: 'Kamoto Mining',
      signatoryName: 'A. B.',
      signatoryTitle: 'CEO',
      signedOn: '2027-03-02',
      method: 'wet_ink',
    },
  ],
  notice: null,
  ...extra,
});

describe('renderAgreementMarkdown', () => {
  it('renders the agreed text with parties, clauses, annexes, legal basis and signatures', () => {
    const md = renderAgreementMarkdown(doc());
    expect(md.split('\n').slice(0, 8)).toEqual([
      '# MoU on security and human rights',
      '',
      '- **Working group:** Lualaba working group',
      '- **Kind:** mou · **Level:** national · **Status:** in force',
      '- **Version:** 2 (agreed on 2027-03-01)',
      '- **Language of the text:** en',
      '',
      '## Parties',
    ]);
    expect(md).toContain('- Police des mines — public security, Lualaba');
    expect(md).toContain('### c) Vetting\n\nNo person credibly implicated…\n\n- is deployed\n');
    expect(md).toContain('### Annex vps: The Voluntary Principles');
    expect(md).toContain('- Code minier, art. 207 (statute, clause e) <https://example.org>');
    expect(md).toContain('- Kamoto Mining: A. B., CEO — signed on 2027-03-02 (wet ink)');
  });

  it('says a draft is not agreed, and shows the notice first', () => {
    const md = renderAgreementMarkdown(
      doc({
        version: { number: 3, status: 'draft', revision: 7, agreedAt: null },
        signatures: [],
        annexes: [],
        legalReferences: [],
        notice: 'No translation into "sw" exists yet: this is the source text (en).',
      }),
    );
    expect(md).toContain('- **Version:** 3 (not agreed: draft, revision 7)');
    expect(md.split('\n')[2]).toBe('> No translation into "sw" exists yet: this is the source text (en).');
    expect(md).toContain('_Not signed yet._');
    expect(md).not.toContain('## Annexes');
    expect(md).not.toContain('## Legal basis');
  });

  it('labels in French', () => {
    const md = renderAgreementMarkdown(doc({ locale: 'fr', sourceLocale: 'fr' }));
    expect(md).toContain('- **Groupe de travail:** Lualaba working group');
    expect(md).toContain('**Version:** 2 (convenue le 2027-03-01)');
    expect(md).toContain('## Base juridique');
    expect(md).toContain('signé le 2027-03-02');
  });
});
