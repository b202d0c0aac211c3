import { describe, expect, it } from '@jest/globals';
import {
  escapeHtml,
  escapeJsonText,
  escapeMarkdown,
  escapeTerminal,
  escapeTerminalLines,
  markdownCode,
  mermaidText,
} from '../../src/report/escape.js';

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
    expect(escapeMarkdown('*bold* [x](http://e) `code` <b> a_b ~~s~~ "q"')).toBe(
      '\\*bold\\* \\[x\\](http://e) \\`code\\` &lt;b&gt; a\\_b \\~\\~s\\~\\~ "q"',
    );
  });

  it('shows terminal control characters instead of writing them into the file', () => {
    expect(escapeMarkdown('a\u001b[2Jb\u0085')).toBe('a\\x1b\\[2Jb\\x85');
  });
});

describe('markdownCode', () => {
  it('keeps a file name with blank lines inside one code span: no heading, link or paragraph can follow', () => {
    const code = markdownCode('data.csv\n\n# Approved\n\n[click](https://evil.example)\r\n`x`');
    expect(code).toBe("`data.csv  # Approved  [click](https://evil.example) 'x'`");
    expect(code).not.toMatch(/[\r\n]/);
  });
});

describe('mermaidText', () => {
  it('shows control characters, since the chart is text in a Markdown file', () => {
    expect(mermaidText('a\u001b[31m"b"')).toBe("a\\x1b[31m'b'");
  });
});

describe('escapeTerminal', () => {
  it('shows control characters instead of interpreting them', () => {
    expect(escapeTerminal('a\nb\tc\u001b[31mred\u0007')).toBe('a\\nb\\tc\\x1b[31mred\\x07');
    expect(escapeTerminal('c1 \u009b2J del \u007f')).toBe('c1 \\x9b2J del \\x7f');
  });

  it('defuses what the Actions runner reads as a workflow command: a leading `::`, and `##[` anywhere', () => {
    expect(escapeTerminal('::error::pwned')).toBe('\\x3a:error::pwned');
    expect(escapeTerminal('  \u00a0::warning::x')).toBe('  \u00a0\\x3a:warning::x');
    expect(escapeTerminal('data/x.csv: ::error::later')).toBe('data/x.csv: ::error::later');
    expect(escapeTerminal('name "##[error]x" and ##[group]')).toBe('name "##\\x5berror]x" and ##\\x5bgroup]');
  });

  it('turns a name that opens a new line into text on the same line', () => {
    expect(escapeTerminal('x.csv\n::error file=a::injected')).toBe('x.csv\\n::error file=a::injected');
  });

  it('is idempotent, so text escaped in pieces may be escaped again whole', () => {
    const once = escapeTerminal('::a\n##[b\u001b');
    expect(escapeTerminal(once)).toBe(once);
  });
});

describe('escapeTerminalLines', () => {
  it('escapes each line and keeps the line breaks', () => {
    expect(escapeTerminalLines('ok\n::error::x\n  "##[warning]y"\n')).toBe('ok\n\\x3a:error::x\n  "##\\x5bwarning]y"\n');
  });
});

describe('escapeJsonText', () => {
  it('writes what JSON.stringify leaves raw as \\u escapes that parse back to the same text', () => {
    const value = { name: 'csi \u009b2J del \u007f sep \u2028 cmd ##[error]x', list: ['##[', 1] };
    const text = escapeJsonText(JSON.stringify(value, null, 2));
    expect(text).not.toMatch(/[\u007f-\u009f\u2028\u2029]|##\[/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
