import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/core/errors.js';
import {
  checkPathComponent,
  checkRegistryDir,
  compareVersions,
  emptyIndex,
  indexPath,
  mergeIndexes,
  nextVersion,
  parseIndex,
  pendingVersions,
  relativeNames,
  renderIndex,
  sameModel,
  versionFolder,
  withVersion,
  type RegistryFile,
  type VersionEntry,
} from '../../src/registry/registry.js';

const file = (path: string, sha256: string, role: RegistryFile['role'] = 'model'): RegistryFile => ({ path, role, size: 10, sha256 });
const entry = (
  version: string,
  files: RegistryFile[] = [file('model/m.pkl', 'a'.repeat(64))],
  extra: Partial<VersionEntry> = {},
): VersionEntry => ({
  version,
  published_at: '2026-05-14T10:00:00.000Z',
  files,
  ...extra,
});

describe('versions', () => {
  it('sort component by component as numbers, across days and counters', () => {
    const versions = ['2026.05.14.10', '2026.05.14.9', '2026.12.01.1', '2026.05.14.2', '2025.12.31.3', '2026.05.15.1', '2026.05.14.1'];
    expect([...versions].sort(compareVersions)).toEqual([
      '2025.12.31.3',
      '2026.05.14.1',
      '2026.05.14.2',
      '2026.05.14.9',
      '2026.05.14.10',
      '2026.05.15.1',
      '2026.12.01.1',
    ]);
  });

  it('order unpadded and padded dates by value, a prefix first, and text after numbers', () => {
    expect(compareVersions('2026.5.4.1', '2026.05.04.1')).toBe(0);
    expect(compareVersions('2026.05.04', '2026.05.04.1')).toBeLessThan(0);
    expect(compareVersions('2026.05.04.1', '2026.05.04.rc')).toBeLessThan(0);
    expect(compareVersions('v2', 'v10')).toBeGreaterThan(0);
    expect(compareVersions('1.99999999999999999999', '1.99999999999999999998')).toBeGreaterThan(0);
  });

  it('count up within a UTC day and start at 1 on a new day', () => {
    const may14 = new Date('2026-05-14T23:59:59Z');
    expect(nextVersion([], may14)).toBe('2026.05.14.1');
    expect(nextVersion(['2026.05.14.1', '2026.05.14.2', '2026.05.13.7'], may14)).toBe('2026.05.14.3');
    expect(nextVersion(['2026.05.14.9'], may14)).toBe('2026.05.14.10');
    expect(nextVersion(['2026.5.14.4', 'hand-made'], may14)).toBe('2026.05.14.5');
    expect(nextVersion(['2026.05.14.3'], new Date('2026-05-15T00:00:00Z'))).toBe('2026.05.15.1');
    // 01:30 in UTC+2 is still the previous day in UTC.
    expect(nextVersion([], new Date('2026-05-15T01:30:00+02:00'))).toBe('2026.05.14.1');
  });
});

describe('layout', () => {
  it('places versions and the index under the registry folder', () => {
    expect(versionFolder('models', 'churn', '2026.05.14.1')).toBe('models/churn/2026.05.14.1');
    expect(indexPath('ml/models', 'churn')).toBe('ml/models/churn/index.json');
  });

  it('accepts folders inside the repository only', () => {
    expect(checkRegistryDir('./models/')).toBe('models');
    expect(checkRegistryDir('ml\\registry')).toBe('ml/registry');
    for (const bad of ['', '.', '/etc', '../up', 'a/../../b', '.git', '.git/hooks', 'a/.git', 'a/.GIT/b', '.Git', 'a/..', 'a/../../b/c'])
      expect(() => checkRegistryDir(bad)).toThrow(InputError);
  });

  it('keeps names and versions to one safe folder name', () => {
    expect(checkPathComponent('name', 'churn-v2_model.x')).toBe('churn-v2_model.x');
    for (const bad of ['', '.', '..', 'a/b', 'a..b', '-x', '.hidden', 'a b', 'x'.repeat(101)])
      expect(() => checkPathComponent('name', bad)).toThrow(InputError);
  });

  it('names files relative to the deepest folder holding all of them', () => {
    expect(relativeNames(['/w/out/model.pkl'])).toEqual(['model.pkl']);
    expect(relativeNames(['/w/out/a/x.bin', '/w/out/b/y.bin', '/w/out/c.json'])).toEqual(['a/x.bin', 'b/y.bin', 'c.json']);
    expect(relativeNames(['/w/one/model.pkl', '/w/two/model.pkl'])).toEqual(['one/model.pkl', 'two/model.pkl']);
    expect(relativeNames(['C:\\w\\saved\\v\\vars', 'C:\\w\\saved\\graph.pb'])).toEqual(['v/vars', 'graph.pb']);
    expect(relativeNames([])).toEqual([]);
  });
});

describe('the index', () => {
  it('lists versions in order with every file, and the one added last is current', () => {
    let index = emptyIndex('churn');
    index = withVersion(index, entry('2026.05.14.2'));
    index = withVersion(
      index,
      entry('2026.05.14.10', [file('model/m.pkl', 'b'.repeat(64)), file('baseline/train.csv', 'c'.repeat(64), 'baseline')]),
    );
    index = withVersion(index, entry('2026.05.13.1'));
    expect(index.versions.map((version) => version.version)).toEqual(['2026.05.13.1', '2026.05.14.2', '2026.05.14.10']);
    expect(index.current).toBe('2026.05.13.1');
    const parsed = parseIndex(renderIndex(index), 'models/churn/index.json');
    expect(parsed).toEqual(index);
    expect(parsed.versions[2].files).toEqual([
      { path: 'model/m.pkl', role: 'model', size: 10, sha256: 'b'.repeat(64) },
      { path: 'baseline/train.csv', role: 'baseline', size: 10, sha256: 'c'.repeat(64) },
    ]);
  });

  it('replaces an entry of the same version', () => {
    const index = withVersion(withVersion(emptyIndex('m'), entry('1', [file('model/a', '1')])), entry('1', [file('model/a', '2')]));
    expect(index.versions).toHaveLength(1);
    expect(index.versions[0].files[0].sha256).toBe('2');
  });

  it('refuses a broken index with the file named', () => {
    const attempt = (text: string) => () => parseIndex(text, 'models/churn/index.json at abc');
    expect(attempt('{')).toThrow(/not JSON/);
    expect(attempt('[]')).toThrow(/not a JSON object/);
    expect(attempt('{"schema_version": 2, "name": "x", "versions": []}')).toThrow(/schema_version 2/);
    expect(attempt('{"schema_version": 1, "name": "x", "versions": [{"version": "1"}]}')).toThrow(/versions\[0\]/);
    expect(
      attempt('{"schema_version": 1, "name": "x", "versions": [{"version": "1", "published_at": "t", "files": [{"path": "a"}]}]}'),
    ).toThrow(/without path, role, size and sha256/);
    try {
      attempt('{')();
    } catch (error) {
      expect((error as InputError).location.file).toBe('models/churn/index.json at abc');
    }
  });

  it('merges the branch’s proposed versions over the base’s', () => {
    const base = withVersion(withVersion(emptyIndex('m'), entry('2026.05.01.1')), entry('2026.05.02.1'));
    const branch = withVersion(
      withVersion(withVersion(emptyIndex('m'), entry('2026.05.01.1')), entry('2026.05.03.1')),
      entry('2026.05.03.2'),
    );
    expect(pendingVersions(base, branch).map((version) => version.version)).toEqual(['2026.05.03.1', '2026.05.03.2']);
    const merged = mergeIndexes(base, branch);
    expect(merged.versions.map((version) => version.version)).toEqual(['2026.05.01.1', '2026.05.02.1', '2026.05.03.1', '2026.05.03.2']);
    expect(merged.current).toBe('2026.05.03.2');
    // A branch whose versions are all on the base (merged) proposes nothing: the base's current stays.
    expect(mergeIndexes(base, withVersion(emptyIndex('m'), entry('2026.05.01.1'))).current).toBe('2026.05.02.1');
  });

  it('calls two versions the same model when their model files match by name and checksum', () => {
    const model = [file('model/a.bin', '1'), file('model/b.bin', '2')];
    expect(sameModel(model, [file('model/b.bin', '2'), file('model/a.bin', '1'), file('baseline/x.csv', '9', 'baseline')])).toBe(true);
    expect(sameModel(model, [file('model/a.bin', '1'), file('model/b.bin', '3')])).toBe(false);
    expect(sameModel(model, [file('model/a.bin', '1')])).toBe(false);
    expect(sameModel(model, [file('model/a.bin', '1'), file('model/c.bin', '2')])).toBe(false);
    expect(sameModel([], [])).toBe(false);
  });
});
