// Variety within a class: how far apart the pictures of one class lie from each other. A
// conditional generator that draws one fixed picture per requested class (collapse within the
// class) scores near 0; real handwriting of one digit scores several pixels' worth of distance.

/**
 * Mean Euclidean distance over all pairs of the items in each group, averaged over the groups that
 * hold at least two items. `values` holds `labels.length` items of `size` numbers one after
 * another; an item's group is its label.
 */
export function meanWithinGroupDistance(
  values: ArrayLike<number>,
  labels: ArrayLike<number>,
  size: number,
): number {
  if (values.length < labels.length * size)
    throw new Error(
      `expected ${labels.length * size} values for ${labels.length} items, got ${values.length}`,
    );
  const groups = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? NaN;
    const members = groups.get(label) ?? [];
    members.push(i);
    groups.set(label, members);
  }
  let sum = 0;
  let counted = 0;
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    let total = 0;
    let pairs = 0;
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        const [i, j] = [(members[a] ?? 0) * size, (members[b] ?? 0) * size];
        let squared = 0;
        for (let k = 0; k < size; k++) squared += ((values[i + k] ?? 0) - (values[j + k] ?? 0)) ** 2;
        total += Math.sqrt(squared);
        pairs++;
      }
    }
    sum += total / pairs;
    counted++;
  }
  if (counted === 0) throw new Error('no group holds two items to compare');
  return sum / counted;
}
