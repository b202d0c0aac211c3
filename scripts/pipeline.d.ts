/** Types of scripts/pipeline.js, for the test that plays the same pipeline. */
import type { GitServer } from '../__tests__/servers/github-git-server.js';
import type { ActionRun, RunActionOptions } from '../__tests__/helpers/runner.js';

export declare const REPO_ROOT: string;
export declare const MODEL_NAME: string;
export declare const REGISTRY_DIR: string;
export declare const MANIFEST: string;

export type Example = 'node' | 'sklearn';

export declare const EXAMPLES: Record<Example, { directory: string; model: string; train(data: string): string }>;

export declare function repositoryFiles(example: Example): Record<string, string | Uint8Array>;
export declare function checkout(server: GitServer, directory: string): string;
export declare function mergePullRequest(server: GitServer, number: number): Promise<void>;
export declare function runnerPath(): string;

export interface CompositeRun {
  outputs: Record<string, string>;
  /** The `uses:` steps, not run, with their `with:` evaluated. */
  skipped: Array<{ name: string; uses: string; with: Record<string, string> }>;
  log: Array<{ name: string; output: string }>;
}

export declare function runComposite(
  actionDir: string,
  given: Record<string, string>,
  options: { workspace: string; runnerTemp: string; env?: Record<string, string> },
): Promise<CompositeRun>;

export interface WeeklyRun {
  status: string;
  driftDetected: boolean;
  retrained: boolean;
  version?: string;
  pullRequest?: number;
  /** The metrics file as the training wrote it (with the deployed model's numbers under `deployed`). */
  metrics?: Record<string, unknown>;
}

export declare function weeklyRun(options: {
  server: GitServer;
  runAction(options: RunActionOptions): Promise<ActionRun>;
  example: Example;
  fresh: 'baseline' | 'current' | 'current-stable';
  force?: boolean;
  scratch: string;
  log?: (line: string) => void;
}): Promise<WeeklyRun>;

export declare function rolloutRun(options: { server: GitServer; scratch: string; log?: (line: string) => void }): Promise<{
  version: string;
  changed: string;
  'rollout-targets': string;
  manifest: string;
}>;
