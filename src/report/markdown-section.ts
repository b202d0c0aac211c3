/**
 * The one way every Markdown text is put together — the Markdown report, the job summary and the model
 * card: a section is a heading (or, for a part too small for one, a bold lead opening its first paragraph)
 * followed by blocks — paragraphs, tables, lists, charts — with a blank line between any two. A section is
 * itself a block, so sections nest. Cells and text arrive escaped: the composer only lays them out.
 */

export interface MarkdownSection {
  /** `### text` at the given level. */
  heading?: { level: number; text: string };
  /** `**lead**: ` before the first block, which is then always there, even empty. */
  lead?: string;
  /** In order; empty ones (a note that does not apply) are left out. */
  blocks: ReadonlyArray<string | undefined>;
}

export function markdownSection({ heading, lead, blocks }: MarkdownSection): string {
  const [first, ...rest] = blocks;
  const opened = lead === undefined ? blocks : [`**${lead}**: ${first ?? ''}`, ...rest];
  const present = opened.filter((block): block is string => block !== undefined && block !== '');
  return [...(heading ? [markdownHeading(heading.level, heading.text)] : []), ...present].join('\n\n');
}

export function markdownHeading(level: number, text: string): string {
  return `${'#'.repeat(level)} ${text}`;
}

/** A GitHub table: a header row, the separator, a row per entry (cells already escaped). */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

export interface MarkdownListItem {
  text: string;
  /** Indented under the item. */
  items?: readonly string[];
}

/** A bulleted list, one level of nesting. */
export function markdownList(items: ReadonlyArray<string | MarkdownListItem>): string {
  return items
    .flatMap((item) =>
      typeof item === 'string' ? [`- ${item}`] : [`- ${item.text}`, ...(item.items ?? []).map((inner) => `  - ${inner}`)],
    )
    .join('\n');
}

/** A fenced block (a Mermaid chart, say): its lines between the fences, as given. */
export function markdownFence(language: string, lines: readonly string[]): string {
  return ['```' + language, ...lines, '```'].join('\n');
}

/** An aside in italics: `_text_`. */
export function markdownNote(text: string): string {
  return `_${text}_`;
}
