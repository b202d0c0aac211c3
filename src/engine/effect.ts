import type { ColumnResult } from './result.js';

/** How far a column moved: the distance beside its p-value, or the distance it was tested on (finite only). */
export function columnEffect(column: ColumnResult): number | undefined {
  const effect = column.effect_size?.distance ?? (column.output === 'distance' ? column.score : undefined);
  return effect !== undefined && Number.isFinite(effect) ? effect : undefined;
}
