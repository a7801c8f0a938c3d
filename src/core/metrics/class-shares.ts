// How a generator spreads its samples over classes, by a classifier's verdict: the share of samples
// in each class, and how many classes that amounts to (a collapsed generator uses few).

/** Share of the `count` samples whose most probable class is each class. */
export function classShares(probabilities: ArrayLike<number>, count: number, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let s = 0; s < count; s++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if ((probabilities[s * classes + c] ?? 0) > (probabilities[s * classes + best] ?? 0)) best = c;
    }
    counts[best]! += 1;
  }
  return counts.map((n) => (count > 0 ? n / count : 0));
}

/**
 * exp of the entropy of the shares: the number of equally used classes with the same spread.
 * All 10 classes evenly gives 10; every sample in one class gives 1.
 */
export function effectiveClasses(shares: readonly number[]): number {
  let entropy = 0;
  for (const p of shares) if (p > 0) entropy -= p * Math.log(p);
  return Math.exp(entropy);
}
