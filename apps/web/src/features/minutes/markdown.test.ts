import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown (the preview)', () => {
  it('renders Markdown', () => {
    expect(renderMarkdown('# Minutes\n\n- **one**')).toBe(
      '<h3>Minutes</h3>\n<ul>\n<li><strong>one</strong></li>\n</ul>\n',
    );
  });
  it('starts headings at h3, below the page and section headings, capped at h6', () => {
    expect(renderMarkdown('## Decisions\n\n##### Deep')).toBe('<h4>Decisions</h4>\n<h6>Deep</h6>\n');
  });
  it('prints raw HTML as text and refuses script links', () => {
    const html = renderMarkdown(
      '<img src=x onerror=alert(1)> <script>alert(2)</script> [x](javascript:alert(3))',
    );
    expect(html).not.toMatch(/<img|<script|href="javascript/);
    expect(html).toContain('&lt;script&gt;');
  });
  it('opens links in a new tab without the opener', () => {
    expect(renderMarkdown('[site](https://example.org)')).toContain(
      '<a href="https://example.org" rel="noopener noreferrer nofollow" target="_blank">site</a>',
    );
  });
});
