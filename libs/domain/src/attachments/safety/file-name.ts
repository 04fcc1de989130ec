// A file name a download can carry safely: no directories, no control or bidirectional-override
// characters (which can disguise `exe.pdf` as `fdp.exe`), no characters that file systems
// refuse, at most 200 characters, and the extension of the type sniffed from the bytes.
const MAX_LENGTH = 200;

export function sanitiseFileName(given: string | undefined, ext: string): string {
  let name = (given ?? '').normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name

    .replace(/[\u0000-\u001F\u007F-\u009F]/g, '')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const dot = name.lastIndexOf('.');
  let stem = dot > 0 ? name.slice(0, dot) : name;
  const givenExt = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const sameExt =
    givenExt === ext || (ext === 'jpg' && givenExt === 'jpeg') || (ext === 'tif' && givenExt === 'tiff');
  const suffix = sameExt ? name.slice(dot) : `.${ext}`;
  if (sameExt) stem = name.slice(0, dot);
  else stem = name;
  stem = stem.replace(/[.\s]+$/g, '');
  if (!stem) stem = 'attachment';
  const chars = [...stem];
  if (chars.length + suffix.length > MAX_LENGTH) stem = chars.slice(0, MAX_LENGTH - suffix.length).join('');
  return `${stem}${suffix}`;
}
