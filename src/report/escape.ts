/**
 * Escaping for each place user data is shown, one function per kind of output. File names, column names
 * and category values come from the user and may contain anything; none of it may break a table, run as
 * markup, move a terminal's cursor, or inject a workflow command into a GitHub Actions log.
 */

/** C0 controls, DEL and C1 controls: what a terminal may act on instead of showing. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** A control character as text: `\n`, `\r`, `\t`, else `\x1b` and the like. */
function visibleControl(character: string): string {
  if (character === '\n') return '\\n';
  if (character === '\r') return '\\r';
  if (character === '\t') return '\\t';
  return `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

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
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(CONTROL_CHARACTERS, visibleControl);
}

/**
 * A Markdown code span (`name`): nothing inside one is markup, but a backtick would end it and a blank
 * line would end the paragraph around it (and let what follows be a heading or a link), so backticks
 * become quotes and line breaks spaces.
 */
export function markdownCode(text: string): string {
  return `\`${text
    .replace(/`/g, "'")
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(CONTROL_CHARACTERS, visibleControl)}\``;
}

/**
 * Text for a terminal or a GitHub Actions log line: control characters (line breaks, escape sequences
 * that could rewrite the screen) are shown as `\n`, `\x1b`, ... instead of acting, and what the Actions
 * runner would take for a workflow command is shown defused: `::` opening the text (the runner looks
 * for `::name::` at the start of a line, past any blanks) and `##[` anywhere (its older `##[name]` form).
 */
export function escapeTerminal(text: string): string {
  return text
    .replace(CONTROL_CHARACTERS, visibleControl)
    .replace(/##\[/g, '##\\x5b')
    .replace(/^(\s*)::/, '$1\\x3a:');
}

/** Several lines for a terminal or an Actions log: each line as `escapeTerminal` shows it, the line breaks kept. */
export function escapeTerminalLines(text: string): string {
  return text.split('\n').map(escapeTerminal).join('\n');
}

/**
 * A JSON document's text, safe to print: JSON.stringify leaves DEL, the C1 controls and the line and
 * paragraph separators as they are, and a `##[` in a string would be a workflow command in a log; each is
 * written as its `\\u` escape, which every JSON reader decodes back to the same text.
 */
export function escapeJsonText(json: string): string {
  return json.replace(
    /[\u007f-\u009f\u2028\u2029]|(?<=##)\[/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Mermaid strings are double-quoted and the block is fenced: no quotes, backticks or line breaks may pass. */
export function mermaidText(text: string): string {
  return text
    .replace(/["`\\]/g, "'")
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[<>]/g, (character) => (character === '<' ? '‹' : '›'))
    .replace(CONTROL_CHARACTERS, visibleControl);
}
