/**
 * The manifest updater changes exactly the values it is asked to and leaves every other byte of the
 * user's file alone: comments, quoting, flow maps, other documents.
 */
import { describe, expect, it } from '@jest/globals';
import { parseAllDocuments } from 'yaml';
import { InputError } from '../../src/core/errors.js';
import { updateManifest, withTag, type ManifestUpdate } from '../../src/rollout/manifest.js';

const DEPLOYMENT = `# The churn scorer.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: churn-scorer   # keep in sync with the service
  namespace: ml
  labels:
    app: churn-scorer
spec:
  replicas: 2
  selector:
    matchLabels: {app: churn-scorer}
  template:
    metadata:
      labels:
        app: churn-scorer
    spec:
      containers:
        - name: scorer
          image: "ghcr.io/acme/churn-scorer:2026.01.01.1"  # tag = model version
          args: ["--port", "8080"]
          env:
            - name: MODEL_VERSION
              value: "2026.01.01.1"
            - name: LOG_LEVEL
              value: info
        - name: sidecar
          image: busybox
---
# Service, untouched
apiVersion: v1
kind: Service
metadata: {name: churn-scorer}
spec:
  ports:
  - port: 80
    targetPort: 8080
`;

const BASE: ManifestUpdate = { version: '2026.11.30.1', model: 'churn', versionPath: 'models/churn/2026.11.30.1', container: 'scorer' };

/** The lines of `after` that are not in `before`, and the other way round: what a reviewer sees. */
function diff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  return { removed: a.filter((line) => !b.includes(line)), added: b.filter((line) => !a.includes(line)) };
}

function parsed(text: string): any[] {
  return parseAllDocuments(text as string).map((document) => document.toJS());
}

describe('updateManifest', () => {
  it('changes the env var and the image tag in place, keeping quotes and comments', () => {
    const result = updateManifest(DEPLOYMENT, { ...BASE, versionEnv: 'MODEL_VERSION', imageTag: '{version}' }, 'deploy.yaml');
    expect(diff(DEPLOYMENT, result.text)).toEqual({
      removed: ['          image: "ghcr.io/acme/churn-scorer:2026.01.01.1"  # tag = model version', '              value: "2026.01.01.1"'],
      added: ['          image: "ghcr.io/acme/churn-scorer:2026.11.30.1"  # tag = model version', '              value: "2026.11.30.1"'],
    });
    expect(result.changes).toEqual([
      'Deployment/churn-scorer: container scorer: MODEL_VERSION: 2026.01.01.1 → 2026.11.30.1',
      'Deployment/churn-scorer: container scorer: image: ghcr.io/acme/churn-scorer:2026.01.01.1 → ghcr.io/acme/churn-scorer:2026.11.30.1',
    ]);
    expect(result.workloads).toEqual([{ kind: 'Deployment', name: 'churn-scorer', namespace: 'ml' }]);
  });

  it('adds the version label to the workload and the pod template, quoted so it stays a string', () => {
    const result = updateManifest(DEPLOYMENT, { ...BASE, versionLabel: 'driftgate.dev/model-version' }, 'deploy.yaml');
    expect(diff(DEPLOYMENT, result.text)).toEqual({
      removed: [],
      added: ['    driftgate.dev/model-version: "2026.11.30.1"', '        driftgate.dev/model-version: "2026.11.30.1"'],
    });
    const [deployment] = parsed(result.text);
    expect(deployment.metadata.labels).toEqual({ app: 'churn-scorer', 'driftgate.dev/model-version': '2026.11.30.1' });
    expect(deployment.spec.template.metadata.labels['driftgate.dev/model-version']).toBe('2026.11.30.1');
    expect(deployment.spec.selector.matchLabels).toEqual({ app: 'churn-scorer' });
  });

  it("appends a missing env var to the list with the list's own indentation", () => {
    const result = updateManifest(
      DEPLOYMENT,
      { ...BASE, modelUriEnv: 'MODEL_URI', modelUri: 's3://acme-models/{path}/model' },
      'deploy.yaml',
    );
    expect(result.text).toContain(`              value: info
            - name: MODEL_URI
              value: s3://acme-models/models/churn/2026.11.30.1/model
        - name: sidecar`);
    const [deployment, service] = parsed(result.text);
    expect(deployment.spec.template.spec.containers[0].env).toEqual([
      { name: 'MODEL_VERSION', value: '2026.01.01.1' },
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'MODEL_URI', value: 's3://acme-models/models/churn/2026.11.30.1/model' },
    ]);
    expect(service.metadata).toEqual({ name: 'churn-scorer' });
  });

  it('keeps every other document and line byte for byte', () => {
    const result = updateManifest(
      DEPLOYMENT,
      {
        ...BASE,
        versionLabel: 'model-version',
        versionEnv: 'MODEL_VERSION',
        imageTag: '{version}',
        modelUriEnv: 'MODEL_URI',
        modelUri: '{path}',
      },
      'deploy.yaml',
    );
    const { removed } = diff(DEPLOYMENT, result.text);
    expect(removed).toHaveLength(2);
    expect(result.text.slice(result.text.indexOf('---'))).toBe(DEPLOYMENT.slice(DEPLOYMENT.indexOf('---')));
    expect(
      result.text.startsWith(
        '# The churn scorer.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: churn-scorer   # keep in sync with the service\n',
      ),
    ).toBe(true);
    expect(result.changes).toHaveLength(5);
  });

  it('is idempotent: a second run changes nothing', () => {
    const update = {
      ...BASE,
      versionLabel: 'model-version',
      versionEnv: 'MODEL_VERSION',
      imageTag: '{version}',
      modelUriEnv: 'MODEL_URI',
      modelUri: '{path}',
    };
    const once = updateManifest(DEPLOYMENT, update, 'deploy.yaml');
    const twice = updateManifest(once.text, update, 'deploy.yaml');
    expect(twice.text).toBe(once.text);
    expect(twice.changes).toEqual([]);
    expect(twice.workloads).toHaveLength(1);
  });

  it('creates the env list and the labels map when a container or template has none', () => {
    const source = `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: scorer
spec:
    selector:
        matchLabels:
            app: scorer
    template:
        metadata:
            annotations: {team: ml}
        spec:
            containers:
            -   name: app
                image: registry.local:5000/scorer@sha256:0123
`;
    const result = updateManifest(
      source,
      { ...BASE, container: undefined, versionLabel: 'model-version', versionEnv: 'MODEL_VERSION', imageTag: 'v{version}' },
      's.yaml',
    );
    const [set] = parsed(result.text);
    expect(set.metadata.labels).toEqual({ 'model-version': '2026.11.30.1' });
    expect(set.spec.template.metadata).toEqual({ annotations: { team: 'ml' }, labels: { 'model-version': '2026.11.30.1' } });
    expect(set.spec.template.spec.containers[0]).toEqual({
      name: 'app',
      image: 'registry.local:5000/scorer:v2026.11.30.1',
      env: [{ name: 'MODEL_VERSION', value: '2026.11.30.1' }],
    });
    expect(result.text).toContain('    name: scorer\n    labels:\n        model-version: "2026.11.30.1"\nspec:');
  });

  it('writes into flow maps and lists in flow style', () => {
    const source = `kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: web:1, env: [{name: A, value: "1"}]}]
`;
    const result = updateManifest(source, { ...BASE, container: undefined, versionLabel: 'v', versionEnv: 'MODEL_VERSION' }, 'f.yaml');
    expect(result.text).toBe(`kind: Deployment
metadata: {name: web, labels: {app: web, v: "2026.11.30.1"}}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, v: "2026.11.30.1"}}
    spec:
      containers: [{name: web, image: web:1, env: [{name: A, value: "1"}, {name: MODEL_VERSION, value: "2026.11.30.1"}]}]
`);
  });

  it('finds the pod template of a CronJob and updates a bare Pod', () => {
    const source = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly-scoring
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: score
              image: scorer:old
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: shell
      image: scorer:old
`;
    const result = updateManifest(source, { ...BASE, container: undefined, imageTag: '{version}' }, 'c.yaml');
    const [cron, pod] = parsed(result.text);
    expect(cron.spec.jobTemplate.spec.template.spec.containers[0].image).toBe('scorer:2026.11.30.1');
    expect(pod.spec.containers[0].image).toBe('scorer:2026.11.30.1');
    expect(result.workloads.map((workload) => `${workload.kind}/${workload.name}`)).toEqual(['CronJob/nightly-scoring', 'Pod/debug']);
  });

  it('updates only the named workload', () => {
    const two = `kind: Deployment
metadata:
  name: a
spec:
  template:
    spec:
      containers:
        - name: x
          image: x:1
---
kind: Deployment
metadata:
  name: b
spec:
  template:
    spec:
      containers:
        - name: x
          image: x:1
`;
    const result = updateManifest(two, { ...BASE, container: undefined, workload: 'b', imageTag: '{version}' }, 'two.yaml');
    expect(result.text.split('---')[0]).toBe(two.split('---')[0]);
    expect(result.text).toContain('image: x:2026.11.30.1');
    expect(result.workloads).toEqual([{ kind: 'Deployment', name: 'b' }]);
  });

  it('double-quotes a new value that a YAML 1.1 reader would take for something else', () => {
    const source = 'kind: Pod\nmetadata:\n  name: p\n  labels:\n    version: old\nspec:\n  containers:\n    - name: c\n      image: c:1\n';
    for (const [version, text] of [
      ['1.10', '"1.10"'],
      ['yes', '"yes"'],
      ['v2', 'v2'],
    ]) {
      const result = updateManifest(source, { ...BASE, container: undefined, version, versionLabel: 'version' }, 'p.yaml');
      expect(result.text).toContain(`    version: ${text}\n`);
      expect(parsed(result.text)[0].metadata.labels.version).toBe(version);
    }
  });

  it('keeps a CRLF file CRLF', () => {
    const source = DEPLOYMENT.replace(/\n/g, '\r\n');
    const result = updateManifest(
      source,
      { ...BASE, versionLabel: 'model-version', modelUriEnv: 'MODEL_URI', modelUri: '{path}' },
      'deploy.yaml',
    );
    expect(result.text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(parsed(result.text)[0].spec.template.spec.containers[0].env[2]).toEqual({
      name: 'MODEL_URI',
      value: 'models/churn/2026.11.30.1',
    });
  });

  describe('refuses, with a message naming the problem', () => {
    const cases: Array<[string, string, Partial<ManifestUpdate>, RegExp]> = [
      ['nothing to do', DEPLOYMENT, {}, /nothing to update/],
      ['a label in the selector', DEPLOYMENT, { versionLabel: 'app' }, /selects its pods by the label "app"/],
      [
        'several containers and none named',
        DEPLOYMENT,
        { container: undefined, versionEnv: 'V' },
        /has 2 containers \(scorer, sidecar\): name the one/,
      ],
      [
        'an unknown container',
        DEPLOYMENT,
        { container: 'web', versionEnv: 'V' },
        /no container named "web" \(it has "scorer", "sidecar"\)/,
      ],
      [
        'a value from a secret',
        DEPLOYMENT.replace('value: info', 'valueFrom: {secretKeyRef: {name: s, key: k}}'),
        { versionEnv: 'LOG_LEVEL' },
        /LOG_LEVEL comes from valueFrom/,
      ],
      ['no workload at all', 'kind: Service\nmetadata: {name: s}\n', { versionEnv: 'V' }, /no workload \(Deployment, StatefulSet/],
      ['no workload by that name', DEPLOYMENT, { workload: 'other', versionEnv: 'V' }, /no workload named "other"/],
      ['a URI variable without its template', DEPLOYMENT, { modelUriEnv: 'MODEL_URI' }, /needs both/],
      ['an unknown template field', DEPLOYMENT, { modelUriEnv: 'U', modelUri: 's3://{bucket}/{version}' }, /unknown field \{bucket\}/],
      ['a version that is no label value', DEPLOYMENT, { version: 'release 1', versionLabel: 'v' }, /cannot be a Kubernetes label value/],
      ['broken YAML', 'kind: Deployment\nmetadata: {name: x\n', { versionEnv: 'V' }, /not valid YAML/],
      [
        'an empty labels key',
        'kind: Pod\nmetadata:\n  name: p\n  labels:\nspec: {containers: [{name: c, image: c}]}\n',
        { container: undefined, versionLabel: 'v' },
        /labels is empty/,
      ],
    ];
    it.each(cases)('%s', (_, source, change, message) => {
      const run = () => updateManifest(source, { ...BASE, ...change }, 'deploy.yaml');
      expect(run).toThrow(InputError);
      expect(run).toThrow(message);
    });
  });
});

describe('withTag', () => {
  it.each([
    ['scorer', 'scorer:v2'],
    ['scorer:1', 'scorer:v2'],
    ['registry.local:5000/team/scorer', 'registry.local:5000/team/scorer:v2'],
    ['registry.local:5000/team/scorer:1@sha256:abc', 'registry.local:5000/team/scorer:v2'],
  ])('%s', (image, expected) => {
    expect(withTag(image, 'v2')).toBe(expected);
  });

  it('refuses a tag Docker would refuse', () => {
    expect(() => withTag('scorer', '-x')).toThrow(/not a valid image tag/);
    expect(() => withTag('scorer', 'a/b')).toThrow(/not a valid image tag/);
  });
});

describe('the templates', () => {
  it('fill {model}, {version} and {path} in the image tag and the model URI', () => {
    const update = { ...BASE, imageTag: '{model}-{version}', modelUriEnv: 'MODEL_URI', modelUri: 'gs://b/{model}/{version}#{path}' };
    const { text } = updateManifest(DEPLOYMENT, update, 'deploy.yaml');
    expect(text).toContain(':churn-2026.11.30.1');
    expect(text).toContain('gs://b/churn/2026.11.30.1#models/churn/2026.11.30.1');
  });

  it('refuse an unknown field, naming the input', () => {
    expect(() => updateManifest(DEPLOYMENT, { ...BASE, imageTag: '{name}' }, 'deploy.yaml')).toThrow(
      'input "image-tag" has an unknown field {name} in "{name}"; the fields are {model}, {version}, {path}',
    );
    expect(() => updateManifest(DEPLOYMENT, { ...BASE, modelUriEnv: 'U', modelUri: '{bucket}' }, 'deploy.yaml')).toThrow(
      /^input "model-uri" has an unknown field \{bucket\}/,
    );
  });
});
