/**
 * Escaping for each place user data is shown. Column names and category values come from the data and may
 * contain anything; none of it may break a table, run as markup, or inject a workflow command.
 */

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character]);
}

/**
 * Text for a Markdown table cell. GitHub renders inline HTML in Markdown, so `&`, `<` and `>` become
 * entities; pipes would end the cell and newlines the row; emphasis, code, link and strike-through marks
 * are backslash-escaped so names like `*` or `[x](y)` show literally. Other punctuation is only special at
 * the start of a line, which a table cell never is.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[&<>]/g, (character) => HTML_ENTITIES[character])
    .replace(/[\\`*_[\]|~]/g, (character) => `\\${character}`)
    .replace(/\r\n|\r|\n/g, ' ');
}

/**
 * Text for a terminal: control characters (newlines, escape sequences that could rewrite the screen) are
 * shown as `\n`, `\x1b`, ... instead of being interpreted.
 */
export function escapeTerminal(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (character) => {
    if (character === '\n') return '\\n';
    if (character === '\r') return '\\r';
    if (character === '\t') return '\\t';
    return `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/** Mermaid strings are double-quoted and the block is fenced: no quotes, backticks or line breaks may pass. */
export function mermaidText(text: string): string {
  return text.replace(/["`\\]/g, "'").replace(/[\r\n\t]+/g, ' ').replace(/[<>]/g, (character) => (character === '<' ? '‹' : '›'));
}
