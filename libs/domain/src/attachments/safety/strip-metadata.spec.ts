import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import JSZip from 'jszip';
import { docxWithAuthor, jpegWithGps, pdfWithAuthor } from '../../../../../test/support/files';
import { sniffType } from './file-types';
import { stripMetadata } from './strip-metadata';

describe('sniffType and stripMetadata', () => {
  it('re-encodes a JPEG without its EXIF (device, GPS)', async () => {
    const photo = await jpegWithGps();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const type = await sniffType(photo);
    expect(type).toMatchObject({ mime: 'image/jpeg', family: 'image' });
    const cleaned = await stripMetadata(photo, type!);
    expect(cleaned.removed).toContain('exif');
    const meta = await sharp(cleaned.bytes).metadata();
    expect([meta.exif, meta.xmp, meta.format, meta.width]).toEqual([undefined, undefined, 'jpeg', 64]);
    expect(cleaned.bytes.includes('WitnessPhone')).toBe(false);
  });

  it('rewrites a PDF without its Info dictionary', async () => {
    const pdf = await pdfWithAuthor();
    expect((await PDFDocument.load(pdf)).getAuthor()).toBe('Jane Witness');
    const cleaned = await stripMetadata(pdf, (await sniffType(pdf))!);
    expect(cleaned.removed).toContain('pdf-info');
    const doc = await PDFDocument.load(cleaned.bytes, { updateMetadata: false });
    expect([doc.getAuthor(), doc.getTitle(), doc.getPageCount()]).toEqual([undefined, undefined, 1]);
    expect(cleaned.bytes.includes('/Author')).toBe(false);
  });

  it('blanks the properties of a Word document', async () => {
    const docx = await docxWithAuthor();
    const type = await sniffType(docx);
    expect(type?.family).toBe('ooxml');
    const cleaned = await stripMetadata(docx, type!);
    expect(cleaned.removed).toEqual(['office-properties']);
    const zip = await JSZip.loadAsync(cleaned.bytes);
    expect(await zip.file('docProps/core.xml')!.async('string')).not.toContain('Jane Witness');
    expect(await zip.file('word/document.xml')!.async('string')).toContain('Minutes annex');
  });

  it('takes UTF-8 text and refuses executables and unknown binaries', async () => {
    expect(await sniffType(Buffer.from('Compte rendu — réunion\n'))).toMatchObject({
      family: 'text',
      ext: 'txt',
    });
    const exe = Buffer.alloc(512);
    exe.write('MZ', 0, 'latin1');
    exe.writeUInt32LE(0x80, 0x3c);
    exe.write('PE\0\0', 0x80, 'latin1');
    expect(await sniffType(exe)).toBeNull();
    expect(await sniffType(Buffer.from([0x00, 0xff, 0x10, 0x80, 0x00]))).toBeNull();
    expect(await sniffType(Buffer.from('PK\x03\x04 not really a zip', 'latin1'))).toBeNull();
  });
});
