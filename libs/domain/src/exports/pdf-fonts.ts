import * as fontkit from 'fontkit';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The fonts every PDF export embeds (assets/fonts, committed with their licences): DejaVu Sans in
// four styles and Mono for text, Symbola for the emoji and symbols DejaVu lacks. Loaded once.
export const FONT_FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
  symbols: 'Symbola.ttf',
} as const;
export type FontName = keyof typeof FONT_FILES;

// Printed for a character no bundled font has: an honest box, never a broken glyph.
export const MISSING_GLYPH = '\u25A1';

// Invisible modifiers of emoji sequences (variation selectors, zero-width joiner, skin tones,
// keycap, tags): the base character is printed, the modifier dropped.
const INVISIBLE = /[\uFE00-\uFE0F\u200D\u20E3]|\uD83C[\uDFFB-\uDFFF]|\uDB40[\uDC20-\uDC7F]/g;

// From libs/domain/src/exports (ts) or dist/libs/domain/src/exports (js) up to the repository.
function fontDirectory(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'assets', 'fonts');
    if (existsSync(join(candidate, FONT_FILES.regular))) return candidate;
    if (dirname(dir) === dir)
      throw new Error('assets/fonts not found: the PDF fonts ship with the repository');
  }
}

interface LoadedFont {
  data: Buffer;
  covers: (codePoint: number) => boolean;
  ascent: number; // per unit of font size
}

let loaded: Record<FontName, LoadedFont> | undefined;

export function pdfFonts(): Record<FontName, LoadedFont> {
  if (loaded) return loaded;
  const dir = fontDirectory();
  const entries = Object.entries(FONT_FILES).map(([name, file]) => {
    const data = readFileSync(join(dir, file));
    const font = fontkit.create(data) as fontkit.Font;
    const cache = new Map<number, boolean>();
    const covers = (cp: number) => {
      let hit = cache.get(cp);
      if (hit === undefined) cache.set(cp, (hit = font.hasGlyphForCodePoint(cp)));
      return hit;
    };
    return [name, { data, covers, ascent: font.ascent / font.unitsPerEm }] as const;
  });
  loaded = Object.fromEntries(entries) as Record<FontName, LoadedFont>;
  return loaded;
}

export interface FontSegment {
  text: string;
  font: FontName;
}

// Splits text into runs of one font each: the style's font where it has the glyph, else Symbola,
// else the missing-glyph box in the style's font.
export function segmentByFont(text: string, font: FontName): FontSegment[] {
  const fonts = pdfFonts();
  const out: FontSegment[] = [];
  const push = (s: string, f: FontName) => {
    const last = out[out.length - 1];
    if (last && last.font === f) last.text += s;
    else out.push({ text: s, font: f });
  };
  for (const ch of text.replace(INVISIBLE, '').replace(/\t/g, '    ')) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x0a || fonts[font].covers(cp)) push(ch, font);
    else if (fonts.symbols.covers(cp)) push(ch, 'symbols');
    else push(MISSING_GLYPH, font);
  }
  return out;
}
