/**
 * The Markdown composer lays out what it is given and nothing more: a blank line between blocks, none for
 * a block that is absent, the lead on the first block, GitHub's table and list syntax.
 */
import { describe, expect, it } from '@jest/globals';
import { compareTables } from '../../src/engine/drift.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import { columnTable } from '../../src/report/markdown.js';
import {
  markdownFence,
  markdownHeading,
  markdownList,
  markdownNote,
  markdownSection,
  markdownTable,
} from '../../src/report/markdown-section.js';
import { tableOf } from '../helpers/tables.js';

describe('markdownSection', () => {
  it('puts the heading first and one blank line between blocks, leaving out absent and empty ones', () => {
    expect(markdownSection({ heading: { level: 3, text: 'Segments' }, blocks: ['first', undefined, '', 'second'] })).toBe(
      '### Segments\n\nfirst\n\nsecond',
    );
  });

  it('is only its blocks without a heading, so sections nest as blocks', () => {
    const inner = markdownSection({ heading: { level: 4, text: 'Inner' }, blocks: ['text'] });
    expect(markdownSection({ blocks: ['outer', inner] })).toBe('outer\n\n#### Inner\n\ntext');
  });

  it('opens the first block with the lead in bold', () => {
    expect(markdownSection({ lead: 'Classes', blocks: ['two classes.', '| a |'] })).toBe('**Classes**: two classes.\n\n| a |');
  });

  it('keeps the lead on its own paragraph when the first block is empty, rather than on the next block', () => {
    expect(markdownSection({ lead: 'Drift', blocks: ['', 'table'] })).toBe('**Drift**: \n\ntable');
  });

  it('renders nothing for no blocks', () => {
    expect(markdownSection({ blocks: [] })).toBe('');
  });
});

describe('the pieces', () => {
  it('heads at any level', () => {
    expect(markdownHeading(1, 'Model churn')).toBe('# Model churn');
    expect(markdownHeading(5, 'Deep')).toBe('##### Deep');
  });

  it('writes a table as the header, the separator and one line per row', () => {
    expect(
      markdownTable(
        ['A', 'B'],
        [
          ['1', '2'],
          ['3', ''],
        ],
      ),
    ).toBe('| A | B |\n|---|---|\n| 1 | 2 |\n| 3 |  |');
  });

  it('writes a table without rows as its header and separator alone', () => {
    expect(markdownTable(['A'], [])).toBe('| A |\n|---|');
  });

  it('nests list items one level under their item', () => {
    expect(markdownList(['plain', { text: 'profile', items: ['x approximate', 'y approximate'] }, { text: 'last' }])).toBe(
      '- plain\n- profile\n  - x approximate\n  - y approximate\n- last',
    );
  });

  it('fences a block with its language', () => {
    expect(markdownFence('mermaid', ['xychart-beta', '    line [1, 2]'])).toBe('```mermaid\nxychart-beta\n    line [1, 2]\n```');
  });

  it('sets a note in italics', () => {
    expect(markdownNote('see the JSON report')).toBe('_see the JSON report_');
  });
});

describe('the column table, composed', () => {
  it('puts one blank line, not two, between a table cut to no rows and its note', () => {
    const table = tableOf({ a: [1, 2, 3], b: ['x', 'y', 'z'] });
    const markdown = columnTable(compareTables(table, table, defaultDriftOptions({ minRows: 1 })).columns, 0);
    expect(markdown).toBe(
      '| Column | Type | Method | Value | Threshold | Result | Change |\n|---|---|---|---|---|---|---|\n\n_2 more columns not shown (0 of them drifted); the JSON report has all of them._',
    );
  });
});
