import type JSZip from 'jszip';
import type { SniffedType } from './file-types';

// sharp (libvips), pdf-lib and JSZip are loaded on the first file that needs them, not at boot:
// together about 40 MB of resident memory an API that never receives a file does not need.
const loadSharp = async () => (await import('sharp')).default;
const loadPdfLib = () => import('pdf-lib');
const loadJsZip = async () => (await import('jszip')).default;

// What removing metadata took out, recorded on the attachment (`metadataRemoved`).
export type RemovedMetadata =
  | 'exif' // camera, device, GPS position, time
  | 'xmp'
  | 'iptc'
  | 'icc' // colour profile (may name the device)
  | 'pdf-info' // Author, Creator, Producer, dates
  | 'pdf-xmp'
  | 'office-properties' // docProps/core.xml, app.xml, custom.xml; ODF meta.xml
  | 'embedded-image-metadata' // EXIF of photos inside a document
  | 'id3';

export class UnreadableFileError extends Error {}

export interface Cleaned {
  bytes: Buffer;
  removed: RemovedMetadata[];
}

// Re-encodes images without metadata (keeping their visual orientation), rewrites PDFs without
// their Info dictionary and XMP streams, blanks office document properties (and cleans the photos
// inside), drops ID3 tags from MP3. Other audio and text pass unchanged.
export async function stripMetadata(bytes: Buffer, type: SniffedType): Promise<Cleaned> {
  switch (type.family) {
    case 'image':
      return stripImage(bytes);
    case 'pdf':
      return stripPdf(bytes);
    case 'ooxml':
    case 'odf':
      return stripOfficeDocument(bytes, type.family);
    case 'audio':
      return type.mime === 'audio/mpeg' ? stripId3(bytes) : { bytes, removed: [] };
    case 'text':
      return { bytes, removed: [] };
  }
}

async function stripImage(bytes: Buffer): Promise<Cleaned> {
  const sharp = await loadSharp();
  try {
    const image = sharp(bytes, { animated: true, failOn: 'error' });
    const meta = await image.metadata();
    const removed: RemovedMetadata[] = [];
    if (meta.exif) removed.push('exif');
    if (meta.xmp) removed.push('xmp');
    if (meta.iptc) removed.push('iptc');
    if (meta.icc) removed.push('icc');
    // rotate() applies the EXIF orientation to the pixels, so the photo still shows upright once
    // the EXIF block is gone; sharp writes no metadata unless asked (withMetadata / keepExif).
    // Written back in the format it was read as.
    const out = await image.rotate().toFormat(meta.format).toBuffer();
    return { bytes: out, removed };
  } catch (err) {
    throw new UnreadableFileError(`the image could not be read (${(err as Error).message})`);
  }
}

async function stripPdf(bytes: Buffer): Promise<Cleaned> {
  const { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream } = await loadPdfLib();
  let doc: import('pdf-lib').PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (err) {
    throw new UnreadableFileError(`the PDF could not be read (${(err as Error).message})`);
  }
  const removed = new Set<RemovedMetadata>();
  if (doc.context.trailerInfo.Info) {
    const info = doc.context.lookup(doc.context.trailerInfo.Info);
    if (info instanceof PDFDict && info.keys().length > 0) removed.add('pdf-info');
    doc.context.delete(doc.context.trailerInfo.Info as never);
    doc.context.trailerInfo.Info = undefined;
  }
  // XMP packets hang on the catalog and on any page, image or font dictionary (/Metadata).
  const META = PDFName.of('Metadata');
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFDict ? obj : obj instanceof PDFStream ? obj.dict : null;
    if (dict?.has(META)) {
      dict.delete(META);
      removed.add('pdf-xmp');
    }
    if (obj instanceof PDFRawStream && obj.dict.get(PDFName.of('Type')) === PDFName.of('Metadata')) {
      doc.context.delete(ref);
      removed.add('pdf-xmp');
    }
  }
  // save() writes the document anew: earlier revisions (incremental updates) are gone too.
  const out = Buffer.from(await doc.save({ updateFieldAppearances: false }));
  return { bytes: out, removed: [...removed] };
}

const OOXML_EMPTY: Record<string, string> = {
  'docProps/core.xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>',
  'docProps/app.xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>',
  'docProps/custom.xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>',
};
const ODF_EMPTY_META =
  '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"><office:meta/></office:document-meta>';

async function stripOfficeDocument(bytes: Buffer, family: 'ooxml' | 'odf'): Promise<Cleaned> {
  const JSZipClass = await loadJsZip();
  let zip: JSZip;
  try {
    zip = await JSZipClass.loadAsync(bytes);
  } catch (err) {
    throw new UnreadableFileError(`the document could not be read (${(err as Error).message})`);
  }
  const removed = new Set<RemovedMetadata>();
  const blanks: Record<string, string> = family === 'ooxml' ? OOXML_EMPTY : { 'meta.xml': ODF_EMPTY_META };
  for (const [path, empty] of Object.entries(blanks)) {
    const entry = zip.file(path);
    if (!entry) continue;
    const current = await entry.async('string');
    if (current.trim() !== empty.trim()) removed.add('office-properties');
    zip.file(path, empty);
  }
  for (const path of Object.keys(zip.files)) {
    if (!/\.(jpe?g|png|tiff?|webp)$/i.test(path) || zip.files[path].dir) continue;
    const image = await zip.file(path)!.async('nodebuffer');
    try {
      const cleaned = await stripImage(image);
      if (cleaned.removed.some((r) => r !== 'icc')) removed.add('embedded-image-metadata');
      zip.file(path, cleaned.bytes);
    } catch {
      // An embedded file that is not a readable image stays as it is.
    }
  }
  // ODF requires `mimetype` first and stored uncompressed; JSZip keeps the entry order.
  const mimetype = family === 'odf' ? zip.file('mimetype') : null;
  if (mimetype) zip.file('mimetype', await mimetype.async('string'), { compression: 'STORE' });
  const out = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { bytes: out, removed: [...removed] };
}

// ID3v2 at the start (size is a 28-bit "syncsafe" integer) and ID3v1 in the last 128 bytes.
function stripId3(bytes: Buffer): Cleaned {
  let start = 0;
  let end = bytes.length;
  const removed: RemovedMetadata[] = [];
  while (end - start > 10 && bytes.toString('latin1', start, start + 3) === 'ID3') {
    const size =
      ((bytes[start + 6] & 0x7f) << 21) |
      ((bytes[start + 7] & 0x7f) << 14) |
      ((bytes[start + 8] & 0x7f) << 7) |
      (bytes[start + 9] & 0x7f);
    const footer = bytes[start + 5] & 0x10 ? 10 : 0;
    start += 10 + size + footer;
    removed.push('id3');
  }
  if (end - start >= 128 && bytes.toString('latin1', end - 128, end - 125) === 'TAG') {
    end -= 128;
    if (!removed.length) removed.push('id3');
  }
  return { bytes: start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end), removed };
}

// A small preview for lists; null when the image cannot be read.
export async function makeThumbnail(bytes: Buffer): Promise<Buffer | null> {
  const sharp = await loadSharp();
  try {
    return await sharp(bytes, { failOn: 'error' })
      .rotate()
      .resize(320, 320, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
  } catch {
    return null;
  }
}
