import { fromBuffer } from 'file-type';

// What we store: images, PDF, office documents (OOXML and OpenDocument, whose metadata we can
// remove), audio and plain text. The type is sniffed from the bytes; the client's claim is ignored.
export type FileFamily = 'image' | 'pdf' | 'ooxml' | 'odf' | 'audio' | 'text';

export interface SniffedType {
  mime: string;
  ext: string;
  family: FileFamily;
}

const ALLOWED: Record<string, FileFamily> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'image/gif': 'image',
  'image/tiff': 'image',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'ooxml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'ooxml',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'ooxml',
  'application/vnd.oasis.opendocument.text': 'odf',
  'application/vnd.oasis.opendocument.spreadsheet': 'odf',
  'application/vnd.oasis.opendocument.presentation': 'odf',
  'audio/mpeg': 'audio',
  'audio/ogg': 'audio',
  'audio/opus': 'audio',
  'audio/wav': 'audio',
  'audio/vnd.wave': 'audio',
  'audio/x-wav': 'audio',
  'audio/mp4': 'audio',
  'audio/x-m4a': 'audio',
  'audio/aac': 'audio',
  'audio/flac': 'audio',
  'audio/x-flac': 'audio',
  'audio/webm': 'audio',
  'audio/amr': 'audio',
};

export const ALLOWED_DESCRIPTION =
  'images (JPEG, PNG, WebP, GIF, TIFF), PDF, Word/Excel/PowerPoint (.docx, .xlsx, .pptx), OpenDocument, audio and plain UTF-8 text';

// Plain text: valid UTF-8 without control characters other than tab, LF, CR and form feed.
export function isPlainText(buf: Buffer): boolean {
  if (buf.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return false;
  }

  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}

// The sniffed type when it is on the allow-list, else null (→ 415).
export async function sniffType(buf: Buffer): Promise<SniffedType | null> {
  const found = await fromBuffer(buf);
  if (found) {
    // file-type names m4a audio `audio/x-m4a` and video MP4 `video/mp4`; only audio is accepted.
    const family = ALLOWED[found.mime];
    return family ? { mime: found.mime, ext: found.ext, family } : null;
  }
  return isPlainText(buf) ? { mime: 'text/plain; charset=utf-8', ext: 'txt', family: 'text' } : null;
}
