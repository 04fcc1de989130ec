import MarkdownIt from 'markdown-it';

// Minutes' Markdown as HTML for the preview. Raw HTML is not allowed (it is escaped, so a
// <script> or an onerror= prints as text) and markdown-it's link check refuses javascript:,
// vbscript:, file: and data: URLs (but images); links open in a new tab without the opener.
const md = new MarkdownIt({ html: false, linkify: true, breaks: false });
const defaultLink =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('rel', 'noopener noreferrer nofollow');
  tokens[idx].attrSet('target', '_blank');
  return defaultLink(tokens, idx, options, env, self);
};

// The minutes sit inside the page's h1 and a section's h2: their own headings start at h3
// (h1 → h3 … capped at h6), so the page keeps one heading outline.
const HEADING_SHIFT = 2;
const shiftHeading: NonNullable<typeof md.renderer.rules.heading_open> = (
  tokens,
  idx,
  options,
  _env,
  self,
) => {
  const level = Math.min(6, Number(tokens[idx].tag.slice(1)) + HEADING_SHIFT);
  tokens[idx].tag = `h${level}`;
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.heading_open = shiftHeading;
md.renderer.rules.heading_close = shiftHeading;

export function renderMarkdown(text: string): string {
  return md.render(text);
}
