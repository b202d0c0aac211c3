import { describe, expect, it } from '@jest/globals';
import { escapeHtml, escapeMarkdown, escapeTerminal } from '../../src/report/escape.js';

describe('escapeHtml', () => {
  it('turns markup characters into entities', () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;');
  });
});

describe('escapeMarkdown', () => {
  it('keeps a table cell one cell: pipes escaped, line breaks folded', () => {
    expect(escapeMarkdown('a|b\nc\r\nd')).toBe('a\\|b c d');
  });

  it('shows Markdown punctuation and HTML literally', () => {
    expect(escapeMarkdown('*bold* [x](http://e) `code` <b> a_b ~~s~~ "q"')).toBe('\\*bold\\* \\[x\\](http://e) \\`code\\` &lt;b&gt; a\\_b \\~\\~s\\~\\~ "q"');
  });
});

describe('escapeTerminal', () => {
  it('shows control characters instead of interpreting them', () => {
    expect(escapeTerminal('a\nb\tc\u001b[31mred\u0007')).toBe('a\\nb\\tc\\x1b[31mred\\x07');
  });
});
