// Leave-one-out k-nearest-neighbour class accuracy of a map, the same figure as knnAccuracy in
// src/core/metrics (same neighbours, same tie-breaking) but keeping only the k best per point
// instead of sorting every distance, so a map of 10,000 points is scored in about a second.

export function mapNeighbourAccuracy(
  points: ArrayLike<number>,
  labels: ArrayLike<number>,
  dim: number,
  k = 5,
): number {
  const count = labels.length;
  if (count === 0) return 0;
  const bestDistance = new Float64Array(k);
  const bestIndex = new Int32Array(k);
  const votes = new Map<number, number>();
  let correct = 0;
  for (let i = 0; i < count; i++) {
    let size = 0;
    for (let j = 0; j < count; j++) {
      let d2 = 0;
      if (j === i) d2 = Infinity;
      else for (let c = 0; c < dim; c++) d2 += ((points[i * dim + c] ?? 0) - (points[j * dim + c] ?? 0)) ** 2;
      // Ties keep the lower index first, as a stable sort of all distances would.
      if (size === k && !(d2 < (bestDistance[k - 1] ?? 0))) continue;
      let at = size < k ? size++ : k - 1;
      while (at > 0 && (bestDistance[at - 1] ?? 0) > d2) {
        bestDistance[at] = bestDistance[at - 1] ?? 0;
        bestIndex[at] = bestIndex[at - 1] ?? 0;
        at--;
      }
      bestDistance[at] = d2;
      bestIndex[at] = j;
    }
    votes.clear();
    for (let n = 0; n < size; n++) {
      const label = labels[bestIndex[n] ?? 0] ?? -1;
      votes.set(label, (votes.get(label) ?? 0) + 1);
    }
    // The first label to reach the highest count wins, in the order the neighbours were found.
    let predicted = -1;
    let most = 0;
    for (const [label, n] of votes) {
      if (n > most) {
        predicted = label;
        most = n;
      }
    }
    if (predicted === labels[i]) correct += 1;
  }
  return correct / count;
}
