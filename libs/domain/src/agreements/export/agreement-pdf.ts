import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';

// Markdown → PDF. A small interface so the platform's shared renderer (libs/domain/src/exports,
// with bundled fonts) can replace this one by binding AGREEMENT_PDF_RENDERER.
export interface MarkdownPdfRenderer {
  render(markdown: string, meta: { title: string; author: string; lang: string }): Promise<Buffer>;
}

export const AGREEMENT_PDF_RENDERER = Symbol('AGREEMENT_PDF_RENDERER');

const plain = (s: string) =>
  s
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(^|\s)_(.+?)_(?=\s|$)/g, '$1$2')
    .replace(/<(https?:[^>]+)>/g, '$1');

// Stand-in renderer with pdfkit's standard fonts (WinAnsi: English and French, not every script):
// headings, list items, quotes and paragraphs, Markdown emphasis dropped.
@Injectable()
export class PdfkitMarkdownRenderer implements MarkdownPdfRenderer {
  render(markdown: string, meta: { title: string; author: string; lang: string }): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const pdf = new PDFDocument({
        size: 'A4',
        margin: 56,
        lang: meta.lang,
        info: { Title: meta.title, Author: meta.author },
      });
      const chunks: Buffer[] = [];
      pdf.on('data', (c: Buffer) => chunks.push(c));
      pdf.on('end', () => resolve(Buffer.concat(chunks)));
      pdf.on('error', reject);
      for (const line of markdown.split('\n')) {
        const heading = /^(#{1,3})\s+(.*)$/.exec(line);
        if (heading) {
          const size = [18, 14, 12][heading[1].length - 1];
          pdf.moveDown(0.5).font('Helvetica-Bold').fontSize(size).text(plain(heading[2]));
          pdf.font('Helvetica').fontSize(11);
        } else if (/^\s*[-*]\s+/.test(line)) {
          pdf
            .font('Helvetica')
            .fontSize(11)
            .text(`• ${plain(line.replace(/^\s*[-*]\s+/, ''))}`, { indent: 12 });
        } else if (line.startsWith('> ')) {
          pdf
            .font('Helvetica-Oblique')
            .fontSize(11)
            .text(plain(line.slice(2)));
          pdf.font('Helvetica');
        } else if (line.trim() === '') {
          pdf.moveDown(0.3);
        } else {
          pdf.font('Helvetica').fontSize(11).text(plain(line));
        }
      }
      pdf.end();
    });
  }
}
