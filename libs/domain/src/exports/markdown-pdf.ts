import type MarkdownIt from 'markdown-it';
import type PDFDocument from 'pdfkit';
import { FontName, pdfFonts, segmentByFont } from './pdf-fonts';

// Markdown → PDF for every export (minutes now, agreements next): markdown-it parses (CommonMark
// plus tables and strikethrough; raw HTML is shown as text, never interpreted), pdfkit lays out
// with the bundled fonts, so accents, ɛ/ɔ and emoji print as written.
export interface MarkdownPdfOptions {
  title: string; // document metadata (the visible title is the Markdown's own first heading)
  locale: string; // BCP 47, written as the document language
  author?: string;
}

type Token = MarkdownIt.Token;

// pdfkit and markdown-it (about 30 MB resident) are loaded on the first export, not at boot.
let parser: Promise<{ md: MarkdownIt; Pdf: typeof PDFDocument }> | undefined;
function loadPdfTools(): Promise<{ md: MarkdownIt; Pdf: typeof PDFDocument }> {
  parser ??= Promise.all([import('markdown-it'), import('pdfkit')]).then(([m, p]) => ({
    md: new m.default('default', { html: false, linkify: true, typographer: false }),
    Pdf: p.default,
  }));
  return parser;
}

const MARGIN = 56;
const BODY_SIZE = 10.5;
const HEADING_SIZES = [0, 18, 15, 13, 12, 11, 11];
const TEXT = '#1a1a1a';
const MUTED = '#555555';
const LINK = '#1a4f9c';
const RULE = '#b0b0b0';
const SHADE = '#f0f0f0';
const INDENT = 16;

interface Style {
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  strike?: boolean;
  link?: string;
}
interface Run extends Style {
  text: string;
}

// A block node of the token stream, nested by its open/close tokens.
interface Node {
  token: Token;
  children: Node[];
}

function tree(tokens: Token[]): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  for (const token of tokens) {
    if (token.nesting === -1) {
      stack.pop();
      continue;
    }
    const node: Node = { token, children: [] };
    stack[stack.length - 1].push(node);
    if (token.nesting === 1) stack.push(node.children);
  }
  return root;
}

function runs(inline: Token | undefined, base: Style = {}): Run[] {
  const out: Run[] = [];
  const style: Style = { ...base };
  for (const t of inline?.children ?? []) {
    switch (t.type) {
      case 'text':
        out.push({ ...style, text: t.content });
        break;
      case 'softbreak':
        out.push({ ...style, text: ' ' });
        break;
      case 'hardbreak':
        out.push({ ...style, text: '\n' });
        break;
      case 'code_inline':
        out.push({ ...style, code: true, text: t.content });
        break;
      case 'strong_open':
      case 'strong_close':
        style.bold = t.type === 'strong_open' || base.bold;
        break;
      case 'em_open':
      case 'em_close':
        style.italic = t.type === 'em_open' || base.italic;
        break;
      case 's_open':
      case 's_close':
        style.strike = t.type === 's_open';
        break;
      case 'link_open': {
        const href = t.attrGet('href') ?? '';
        // Only web and mail links become clickable; anything else stays text.
        style.link = /^(https?:|mailto:)/i.test(href) ? href : undefined;
        break;
      }
      case 'link_close':
        style.link = undefined;
        break;
      case 'image':
        out.push({ ...style, text: `[${t.content || 'image'}]` });
        break;
      default:
        if (t.content) out.push({ ...style, text: t.content });
    }
  }
  return out;
}

function fontOf(s: Style): FontName {
  if (s.code) return 'mono';
  if (s.bold && s.italic) return 'boldItalic';
  if (s.bold) return 'bold';
  if (s.italic) return 'italic';
  return 'regular';
}

const plain = (rs: Run[]) => rs.map((r) => r.text).join('');

class Layout {
  constructor(private readonly pdf: PDFKit.PDFDocument) {}

  get bottom(): number {
    return this.pdf.page.height - this.pdf.page.margins.bottom;
  }

  // One paragraph of styled runs at (x, current y), wrapped to `width`.
  write(rs: Run[], x: number, width: number, size: number, color = TEXT, y = this.pdf.y): void {
    const pieces = rs.flatMap((r) =>
      segmentByFont(r.text, fontOf(r)).map((s) => ({ ...s, link: r.link, strike: r.strike })),
    );
    if (pieces.length === 0) return;
    // One baseline for every font on the line (the text font's), so a Symbola emoji sits on the
    // same line as the words around it — for the eye and for text extraction.
    const baseline = -pdfFonts().regular.ascent * size;
    pieces.forEach((p, i) => {
      this.pdf
        .font(p.font)
        .fontSize(size)
        .fillColor(p.link ? LINK : color);
      const options: PDFKit.Mixins.TextOptions = {
        width,
        continued: i < pieces.length - 1,
        link: p.link ?? null,
        underline: Boolean(p.link),
        strike: Boolean(p.strike),
        lineGap: 1.5,
        baseline,
      };
      if (i === 0) this.pdf.text(p.text, x, y, options);
      else this.pdf.text(p.text, options);
    });
    this.pdf.fillColor(TEXT);
    this.pdf.x = x;
  }

  space(lines: number): void {
    this.pdf.fontSize(BODY_SIZE).moveDown(lines);
  }

  ensureRoom(height: number): void {
    if (this.pdf.y + height > this.bottom) this.pdf.addPage();
  }

  blocks(nodes: Node[], x: number, width: number, color = TEXT, tight = false): void {
    for (const node of nodes) this.block(node, x, width, color, tight);
  }

  private block(node: Node, x: number, width: number, color: string, tight: boolean): void {
    const t = node.token;
    switch (t.type) {
      case 'heading_open': {
        const level = Number(t.tag.slice(1));
        const size = HEADING_SIZES[level] ?? BODY_SIZE;
        this.space(level <= 2 ? 0.8 : 0.5);
        this.ensureRoom(size * 3);
        this.write(runs(node.children[0]?.token, { bold: true }), x, width, size, color);
        this.space(0.35);
        break;
      }
      case 'paragraph_open':
        this.write(runs(node.children[0]?.token), x, width, BODY_SIZE, color);
        if (!t.hidden && !tight) this.space(0.5);
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        this.list(node, x, width, color);
        if (!tight) this.space(0.3);
        break;
      case 'blockquote_open': {
        const top = this.pdf.y;
        const page = this.pdf.page;
        this.blocks(node.children, x + INDENT, width - INDENT, MUTED);
        if (this.pdf.page === page)
          this.pdf
            .moveTo(x + 4, top)
            .lineTo(x + 4, this.pdf.y - 4)
            .lineWidth(2)
            .strokeColor(RULE)
            .stroke();
        break;
      }
      case 'fence':
      case 'code_block':
        this.code(t.content.replace(/\n$/, ''), x, width);
        break;
      case 'hr':
        this.space(0.3);
        this.pdf
          .moveTo(x, this.pdf.y)
          .lineTo(x + width, this.pdf.y)
          .lineWidth(0.5)
          .strokeColor(RULE)
          .stroke();
        this.space(0.6);
        break;
      case 'table_open':
        this.table(node, x, width);
        this.space(0.5);
        break;
      case 'inline':
        this.write(runs(t), x, width, BODY_SIZE, color);
        break;
      default:
        // html_block (html is off, so this is text) and anything new: print what it says.
        if (t.content) this.write([{ text: t.content }], x, width, BODY_SIZE, color);
        else this.blocks(node.children, x, width, color, tight);
    }
  }

  private list(node: Node, x: number, width: number, color: string): void {
    const ordered = node.token.type === 'ordered_list_open';
    let n = Number(node.token.attrGet('start') ?? 1);
    const marker = ordered ? INDENT + 8 : INDENT;
    for (const item of node.children) {
      this.ensureRoom(BODY_SIZE * 2);
      const y = this.pdf.y;
      const page = this.pdf.page;
      this.pdf
        .font('regular')
        .fontSize(BODY_SIZE)
        .fillColor(color)
        .text(ordered ? `${n++}.` : '•', x, y, { width: marker, lineBreak: false });
      this.pdf.y = y;
      // Tight lists hide their paragraphs: no space between items.
      const tight = item.children.some((c) => c.token.type === 'paragraph_open' && c.token.hidden);
      this.blocks(item.children, x + marker, width - marker, color, tight);
      // An item with no text of its own still takes a line (unless it ran onto the next page).
      if (this.pdf.page === page && this.pdf.y < y + BODY_SIZE) this.pdf.y = y + BODY_SIZE * 1.3;
    }
    this.pdf.x = x;
  }

  private code(text: string, x: number, width: number): void {
    const size = BODY_SIZE - 1;
    this.pdf.font('mono').fontSize(size);
    const height = this.pdf.heightOfString(text || ' ', { width: width - 12 }) + 8;
    this.ensureRoom(Math.min(height, this.bottom - this.pdf.page.margins.top));
    const top = this.pdf.y;
    if (top + height <= this.bottom) this.pdf.rect(x, top, width, height).fill(SHADE);
    this.write([{ text, code: true }], x + 6, width - 12, size, TEXT, top + 4);
    this.pdf.y = Math.max(this.pdf.y, top + height);
    this.space(0.5);
  }

  // Tables: equal columns, a shaded header row, borders; cell text keeps its inline styles.
  private table(node: Node, x: number, width: number): void {
    const rows: { header: boolean; cells: Run[][] }[] = [];
    const visit = (n: Node, header: boolean) => {
      if (n.token.type === 'tr_open')
        rows.push({
          header,
          cells: n.children.map((c) => runs(c.children[0]?.token, header ? { bold: true } : {})),
        });
      else for (const c of n.children) visit(c, header || n.token.type === 'thead_open');
    };
    visit(node, false);
    const columns = Math.max(1, ...rows.map((r) => r.cells.length));
    const colWidth = width / columns;
    const pad = 4;
    for (const row of rows) {
      const heights = row.cells.map((cell) => {
        this.pdf.font(row.header ? 'bold' : 'regular').fontSize(BODY_SIZE - 0.5);
        return this.pdf.heightOfString(plain(cell) || ' ', { width: colWidth - 2 * pad, lineGap: 1.5 });
      });
      const estimate = Math.max(BODY_SIZE, ...heights) + 2 * pad;
      this.ensureRoom(estimate);
      const top = this.pdf.y;
      if (row.header) this.pdf.rect(x, top, width, estimate).fill(SHADE);
      let bottom = top + estimate;
      row.cells.forEach((cell, i) => {
        this.write(cell, x + i * colWidth + pad, colWidth - 2 * pad, BODY_SIZE - 0.5, TEXT, top + pad);
        bottom = Math.max(bottom, this.pdf.y + pad);
      });
      for (let i = 0; i < columns; i++)
        this.pdf
          .rect(x + i * colWidth, top, colWidth, bottom - top)
          .lineWidth(0.5)
          .strokeColor(RULE)
          .stroke();
      this.pdf.x = x;
      this.pdf.y = bottom;
    }
  }
}

export async function renderMarkdownPdf(markdown: string, options: MarkdownPdfOptions): Promise<Buffer> {
  const { md, Pdf } = await loadPdfTools();
  return new Promise((resolve, reject) => {
    const pdf = new Pdf({
      size: 'A4',
      margin: MARGIN,
      lang: options.locale,
      displayTitle: true,
      info: { Title: options.title, ...(options.author ? { Author: options.author } : {}) },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    try {
      for (const [name, font] of Object.entries(pdfFonts())) pdf.registerFont(name, font.data);
      const width = pdf.page.width - 2 * MARGIN;
      new Layout(pdf).blocks(tree(md.parse(markdown, {})), MARGIN, width);
      pdf.end();
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
