/**
 * The source editor on its own, away from Kubernetes: each edit touches only its value's text, new entries
 * take the style of the collection they join, and the change log says what moved from what to what.
 */
import { describe, expect, it } from '@jest/globals';
import { isMap, parseDocument, type Scalar, type YAMLMap } from 'yaml';
import { InputError } from '../../src/core/errors.js';
import { scalarText, SourceEditor } from '../../src/rollout/yaml-source-editor.js';

function rootOf(source: string): YAMLMap {
  const root = parseDocument(source).contents;
  if (!isMap(root)) throw new Error('the test YAML is not a map');
  return root;
}

describe('scalarText', () => {
  it('reads scalars as text and nothing else', () => {
    const root = rootOf('a: 1.10\nb: "x"\nc:\nd: [1]\n');
    expect(scalarText(root.get('a', true))).toBe('1.1');
    expect(scalarText(root.get('b', true))).toBe('x');
    expect(scalarText(root.get('c', true))).toBeUndefined();
    expect(scalarText(root.get('d', true))).toBeUndefined();
  });
});

describe('SourceEditor', () => {
  it('replaces a value in its own quoting and keeps the comment after it', () => {
    const source = "name: 'old'   # why\nother: kept\n";
    const editor = new SourceEditor(source);
    editor.setScalar(rootOf(source).get('name', true) as Scalar, "it's new", 'name');
    expect(editor.apply()).toBe("name: 'it''s new'   # why\nother: kept\n");
    expect(editor.changes).toEqual(["name: old → it's new"]);
  });

  it('leaves the text and the log alone when the value is already set', () => {
    const source = 'version: v2\n';
    const editor = new SourceEditor(source);
    editor.setPath(rootOf(source), ['version'], 'v2', 'version');
    expect(editor.apply()).toBe(source);
    expect(editor.changes).toEqual([]);
  });

  it('creates the missing maps of a path in block style, at the file’s indentation step', () => {
    const source = 'metadata:\n    name: scorer\n';
    const editor = new SourceEditor(source);
    editor.setPath(rootOf(source), ['metadata', 'labels', 'model'], '1.10', 'label');
    expect(editor.apply()).toBe('metadata:\n    name: scorer\n    labels:\n        model: "1.10"\n');
    expect(editor.changes).toEqual(['label: (none) → 1.10']);
  });

  it('adds to a flow map inside its braces', () => {
    const source = 'labels: {app: scorer}\n';
    const editor = new SourceEditor(source);
    editor.setPath(rootOf(source), ['labels', 'version'], 'v3', 'label');
    expect(editor.apply()).toBe('labels: {app: scorer, version: v3}\n');
  });

  it('sets existing variables in place and appends the missing ones in one edit, keeping CRLF', () => {
    const source = 'env:\r\n  - name: A\r\n    value: one\r\nimage: x\r\n';
    const editor = new SourceEditor(source);
    editor.setEnv(
      rootOf(source),
      [
        { name: 'A', value: 'two' },
        { name: 'B', value: 'yes' },
      ],
      'container:',
      'manifest.yaml',
    );
    expect(editor.apply()).toBe('env:\r\n  - name: A\r\n    value: two\r\n  - name: B\r\n    value: "yes"\r\nimage: x\r\n');
    expect(editor.changes).toEqual(['container: A: one → two', 'container: B: (none) → yes']);
  });

  it('refuses to overwrite a variable that comes from valueFrom', () => {
    const source = 'env:\n  - name: A\n    valueFrom: {secretKeyRef: {name: s, key: k}}\n';
    const editor = new SourceEditor(source);
    expect(() => editor.setEnv(rootOf(source), [{ name: 'A', value: 'x' }], 'container:', 'manifest.yaml')).toThrow(InputError);
  });

  it('names an empty value on the path instead of guessing what it should hold', () => {
    const source = 'metadata:\n';
    const editor = new SourceEditor(source);
    expect(() => editor.setPath(rootOf(source), ['metadata', 'labels'], 'x', 'label')).toThrow(
      'label: metadata is empty (give it a value or remove it)',
    );
  });
});
