/**
 * Every relative link in the repository's Markdown resolves: the file or folder exists, and a `#anchor` names a
 * heading (or an `<a id>`) of the page it points to, with GitHub's heading slugs. The docs are read on GitHub,
 * where a moved section otherwise fails silently.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './helpers/paths.js';

/** The text outside fenced code blocks and inline code spans, line by line (code holds no links or headings). */
function proseLines(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split('\n').map((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      return '';
    }
    if (marker) {
      fence = marker;
      return '';
    }
    return line.replace(/(`+)[^`].*?\1/g, (span) => span.replace(/[[\]()#<>]/g, ''));
  });
}

/** GitHub's anchor for a heading: the rendered text, lower-cased, without punctuation, spaces as hyphens. */
function headingSlug(heading: string): string {
  const rendered = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '');
  return rendered
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors a page defines: its headings' slugs (repeats numbered as GitHub does) and explicit ids. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  // Code spans matter in headings (`index.json` gives "indexjson"), so headings are read from the raw lines.
  const raw = markdown.split('\n');
  proseLines(markdown).forEach((line, index) => {
    for (const match of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1]);
    if (line === '' || !/^ {0,3}#{1,6}\s/.test(line)) return;
    const text = raw[index].replace(/^ {0,3}#{1,6}\s+/, '').replace(/\s+#+\s*$/, '');
    const slug = headingSlug(text);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  });
  return anchors;
}

/** The link targets of a page that are not URLs: inline links and images, and reference definitions. */
function relativeLinks(markdown: string): string[] {
  const targets: string[] = [];
  for (const line of proseLines(markdown)) {
    for (const match of line.matchAll(/\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+"[^"]*")?\s*\)/g)) targets.push(match[1].replace(/^<|>$/g, ''));
    const definition = /^ {0,3}\[[^\]]+\]:\s*(\S+)/.exec(line);
    if (definition) targets.push(definition[1]);
  }
  return targets.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('//'));
}

/** The links of `file` that lead nowhere, each with what is wrong. */
function brokenLinks(file: string): string[] {
  const read = (path: string) => readFileSync(path, 'utf8');
  const markdown = read(file);
  const broken: string[] = [];
  for (const target of relativeLinks(markdown)) {
    const hash = target.indexOf('#');
    const path = decodeURI(hash < 0 ? target : target.slice(0, hash));
    const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
    const resolved = path === '' ? file : resolve(dirname(file), path);
    if (!existsSync(resolved)) {
      broken.push(`${target}: no such file or folder`);
      continue;
    }
    if (anchor === undefined) continue;
    if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) {
      broken.push(`${target}: an anchor into something that is not a Markdown page`);
      continue;
    }
    if (!anchorsOf(resolved === file ? markdown : read(resolved)).has(anchor))
      broken.push(`${target}: no heading with the anchor #${anchor}`);
  }
  return broken;
}

function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === '.git') return [];
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

describe('the link checker', () => {
  it('slugs headings as GitHub does', () => {
    expect(headingSlug('5. Performance before the labels arrive')).toBe('5-performance-before-the-labels-arrive');
    expect(headingSlug('Retraining on drift: the reusable workflow')).toBe('retraining-on-drift-the-reusable-workflow');
    expect(headingSlug('`index.json`')).toBe('indexjson');
    expect(headingSlug('`model.performance.estimated`')).toBe('modelperformanceestimated');
    expect(headingSlug('The [CLI](cli.md) and **exit codes**')).toBe('the-cli-and-exit-codes');
    expect(headingSlug('Two publishes at once, and people on the branch')).toBe('two-publishes-at-once-and-people-on-the-branch');
  });

  it('numbers repeated headings and reads explicit ids, ignoring headings in code', () => {
    const anchors = anchorsOf('# Inputs\n## Inputs\n<a id="custom"></a>\n```sh\n# not a heading\n```\n');
    expect([...anchors].sort()).toEqual(['custom', 'inputs', 'inputs-1']);
  });

  it('finds missing files and missing anchors, and ignores URLs and code', () => {
    const root = mkdtempSync(join(tmpdir(), 'driftgate-links-'));
    try {
      mkdirSync(join(root, 'docs'));
      writeFileSync(join(root, 'docs', 'a.md'), '# A\n## Section\n');
      writeFileSync(
        join(root, 'README.md'),
        [
          '# Title',
          '[ok](docs/a.md#section) [self](#title) [folder](docs/) [gone](docs/missing.md) [bad anchor](docs/a.md#nowhere) [lost](#gone)',
          '[web](https://example.com/x.md) `[code](nowhere.md)` [mail](mailto:a@b.c)',
          '```',
          '[fenced](nowhere.md)',
          '```',
          '[ref]: docs/also-missing.md',
        ].join('\n'),
      );
      expect(brokenLinks(join(root, 'README.md'))).toEqual([
        'docs/missing.md: no such file or folder',
        'docs/a.md#nowhere: no heading with the anchor #nowhere',
        '#gone: no heading with the anchor #gone',
        'docs/also-missing.md: no such file or folder',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the Markdown of the repository', () => {
  const files = markdownFiles(REPO_ROOT).map((file) => relative(REPO_ROOT, file));

  it('includes the README, the docs and the sub-action READMEs', () => {
    expect(files).toEqual(
      expect.arrayContaining(['README.md', 'CONTRIBUTING.md', join('docs', 'workflows.md'), join('publish', 'README.md')]),
    );
  });

  it.each(files)('%s links only to files and anchors that exist', (file) => {
    expect(brokenLinks(join(REPO_ROOT, file))).toEqual([]);
  });
});

describe('docs/workflows.md', () => {
  // The reusable workflows' interface is written by hand there (grouped by purpose), so this keeps it whole.
  const page = readFileSync(join(REPO_ROOT, 'docs', 'workflows.md'), 'utf8');
  it.each(['drift-retrain.yml', 'rollout.yml'])('names every input, secret and output of %s', (workflow) => {
    const metadata = parse(readFileSync(join(REPO_ROOT, '.github', 'workflows', workflow), 'utf8'));
    const call = metadata.on.workflow_call;
    const names = ['inputs', 'secrets', 'outputs'].flatMap((part) => Object.keys(call[part] ?? {}));
    expect(names.filter((name) => !page.includes(`\`${name}\``))).toEqual([]);
  });
});
