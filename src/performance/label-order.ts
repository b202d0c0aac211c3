/**
 * The order scikit-learn gives class labels: `np.unique` on a string array sorts by Unicode code point.
 *
 * JavaScript's `<` compares UTF-16 code units instead, which disagrees for characters beyond the Basic
 * Multilingual Plane (stored as surrogates, 0xD800–0xDFFF) against characters from 0xE000 to 0xFFFF:
 * NumPy puts "Ａ" (U+FF21) before "😀" (U+1F600), `<` puts it after. Per-class results, the confusion
 * matrix and the positive class of a binary ROC AUC all follow this order, so it has to be NumPy's.
 *
 * Numeric classes arrive as text and sort as text ("10" before "9"), as scikit-learn sorts a string
 * array.
 *
 * @example
 * sortedLabels(['b', '😀', 'Ａ', 'a']); // => ['a', 'b', 'Ａ', '😀']
 */

/** Negative, zero or positive as `a` sorts before, with or after `b` by code point. */
export function compareLabels(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) {
    const left = a.codePointAt(i)!;
    const right = b.codePointAt(i)!;
    if (left !== right) return left - right;
    // Equal code points have equal widths, so both strings skip the same low surrogate.
    if (left > 0xffff) i++;
  }
  return a.length - b.length;
}

/** The distinct labels of all the given arrays, in scikit-learn's order. */
export function sortedLabels(...labelArrays: readonly (readonly string[])[]): string[] {
  const distinct = new Set<string>();
  for (const labels of labelArrays) for (const label of labels) distinct.add(label);
  return [...distinct].sort(compareLabels);
}

/** The distinct labels of `yTrue` other than `positive`: a one-column model's negative class, when it is one. */
export function otherLabels(yTrue: readonly string[], positive: string): Set<string> {
  const others = new Set<string>();
  for (const label of yTrue) if (label !== positive) others.add(label);
  return others;
}
