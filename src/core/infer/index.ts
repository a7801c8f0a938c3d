// Inference: types for every port of a graph, and the issues that stop it compiling.
export { inferGraph, type GraphTypes, type NetworkInterface } from './infer-graph';
export { inferNode, paramsWithDefaults, type NodeInferResult } from './context';
export { upstreamNetworks, optimizerLosses, optimizerNetworks } from './training-links';
