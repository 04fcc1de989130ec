import { renderMarkdownPdf } from './markdown-pdf';
import { MISSING_GLYPH, segmentByFont } from './pdf-fonts';

type PdfParse = (b: Uint8Array) => Promise<{ text: string; numpages: number }>;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the package's index runs a debug script when required
const pdfParse: PdfParse = require('pdf-parse/lib/pdf-parse.js');

describe('segmentByFont', () => {
  it('keeps text in the style font, sends emoji to Symbola and boxes what no font has', () => {
    expect(segmentByFont('Réunion ✅ 👍🏽 ɛ', 'bold')).toEqual([
      { text: 'Réunion ', font: 'bold' },
      { text: '✅', font: 'symbols' },
      { text: ' ', font: 'bold' },
      { text: '👍', font: 'symbols' }, // the skin tone modifier is dropped, not boxed
      { text: ' ɛ', font: 'bold' },
    ]);
    expect(segmentByFont('🥰', 'regular')).toEqual([{ text: MISSING_GLYPH, font: 'regular' }]);
  });
});

describe('renderMarkdownPdf', () => {
  it('renders headings, lists, emphasis, links, tables and code instead of printing the markup', async () => {
    const pdf = await renderMarkdownPdf(
      [
        '# Procès-verbal',
        '',
        'Texte avec **gras**, *italique*, `code` et un [lien](https://example.org).',
        '',
        '1. premier',
        '2. second',
        '   - imbriqué',
        '',
        '> citation',
        '',
        '| Organisation | Présents |',
        '| --- | ---: |',
        '| Police | 3 |',
        '',
        '```',
        'bloc de code',
        '```',
        '',
        '<script>alert(1)</script> ~~barré~~',
      ].join('\n'),
      { title: 'Procès-verbal', locale: 'fr' },
    );
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text } = await pdfParse(new Uint8Array(pdf));
    for (const s of [
      'Procès-verbal',
      'Texte avec gras, italique, code et un lien.',
      'premier',
      'imbriqué',
      'citation',
      'Police',
      'bloc de code',
      'barré',
    ])
      expect({ s, found: text.includes(s) }).toEqual({ s, found: true });
    for (const raw of ['**', '# ', '](', '| ---', '```', '~~'])
      expect({ raw, found: text.includes(raw) }).toEqual({ raw, found: false });
    // Raw HTML is shown as text, never interpreted.
    expect(text).toContain('<script>alert(1)</script>');
    expect(pdf.toString('latin1')).toContain('/Lang (fr)');
  });

  it('flows long documents over pages and copes with an empty one', async () => {
    const long = Array.from({ length: 120 }, (_, i) => `- point ${i} ${'mot '.repeat(i % 25)}`).join('\n');
    expect(
      (await pdfParse(new Uint8Array(await renderMarkdownPdf(long, { title: 'x', locale: 'sw' })))).numpages,
    ).toBeGreaterThan(2);
    expect(
      (await pdfParse(new Uint8Array(await renderMarkdownPdf('', { title: 'x', locale: 'en' })))).numpages,
    ).toBe(1);
  });
});
