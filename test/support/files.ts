import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import JSZip from 'jszip';
import type { TestApp, TestUser } from './test-app';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- s3rver ships no types
const S3rver = require('s3rver');

export const S3_TEST_BUCKET = 'roundtable-test';

// GET /attachments/{id}{suffix} as `user`: the body stays bytes (a Buffer), or the parsed problem
// when the answer is one.
export function downloadAttachment(t: TestApp, user: TestUser, id: string, suffix = '') {
  return t
    .api()
    .get(`/api/v1/attachments/${id}${suffix}`)
    .set(user.auth)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const problem = String(res.headers['content-type']).startsWith('application/problem+json');
        cb(null, problem ? JSON.parse(bytes.toString('utf8')) : bytes);
      });
    });
}

// A real S3-compatible server (s3rver) on an ephemeral port, its objects in a temporary folder.
export async function startS3Server(): Promise<{ env: Record<string, string>; close: () => Promise<void> }> {
  const directory = mkdtempSync(join(tmpdir(), 'rt-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: S3_TEST_BUCKET }],
  });
  const { port } = await server.run();
  return {
    env: {
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: S3_TEST_BUCKET,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

// A phone photo as witnesses take them: EXIF with the device and the GPS position.
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#c0392b' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'WitnessPhoneMaker', Model: 'WitnessPhone X', Artist: 'Jane Witness' },
      IFD3: {
        GPSLatitudeRef: 'S',
        GPSLatitude: '10/1 42/1 3600/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '25/1 28/1 1200/100',
      },
    })
    .toBuffer();
}

export async function pdfWithAuthor(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText('Signed copy', { x: 20, y: 100, size: 14 });
  doc.setAuthor('Jane Witness');
  doc.setTitle('Statement of Jane Witness');
  doc.setCreator('WitnessPhone Scanner');
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

// A minimal Word document whose properties name its author.
export async function docxWithAuthor(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Minutes annex</w:t></w:r></w:p></w:body></w:document>',
  );
  zip.file(
    'docProps/core.xml',
    '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Jane Witness</dc:creator><cp:lastModifiedBy>Jane Witness</cp:lastModifiedBy></cp:coreProperties>',
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
