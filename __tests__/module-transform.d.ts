import type { SyncTransformer } from '@jest/transform';

export const BOUND_GLOBALS: readonly string[];
export const PRELUDE: string;
declare const transform: { createTransformer(options: object): SyncTransformer };
export default transform;
