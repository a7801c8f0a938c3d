// Metrics over plain arrays: run the same in Node, the worker and the tests.
export { pca, pcaReconstructionMse, principalAngles, largestPrincipalAngleDegrees, type Pca } from './pca';
export {
  modeCoverage,
  psnr,
  knnAccuracy,
  activeUnits,
  gaussianTotalCorrelation,
  type ModeCoverage,
} from './quality';
export { matrix, type Matrix } from './linalg';
export { highFrequencyEnergy } from './sharpness';
export { meanWithinGroupDistance } from './diversity';
