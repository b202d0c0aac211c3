import type { SyncTransformer, TransformedSource } from '@jest/transform';

export const BOUND_GLOBALS: readonly string[];
export const PRELUDE: string;
export function withPrelude(transformed: TransformedSource): TransformedSource;
declare const transform: { createTransformer(options: object): SyncTransformer };
export default transform;
