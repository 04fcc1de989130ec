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

export function renderMarkdown(text: string): string {
  return md.render(text);
}
