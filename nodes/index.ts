// The node catalogue: one explicit array of every node type, in palette order.
// Inference, the compiler, the loader and the editor receive it as an argument.

import { makeRegistry, type AnyNodeDefinition, type NodeRegistry } from '../src/core/types/definition';
import { CORRUPTION_NODES } from './corruptions';
import { replayOp } from './gan-replay';
import { LAYER_NODES } from './layers';
import { minibatchDiscriminationNode } from './layers-minibatch';
import { LOSS_NODES } from './losses';
import { WASSERSTEIN_LOSS_NODES } from './losses-wasserstein';
import { METRIC_NODES } from './metrics';
import { NETWORK_NODES } from './networks';
import { OP_NODES } from './ops';
import { IMAGE_OP_NODES } from './ops-image';
import { OPTIMIZER_NODES } from './optimizers';
import { SAMPLE_METRIC_NODES } from './sample-metrics';
import { SOURCE_NODES } from './sources';

export const NODE_DEFINITIONS: readonly AnyNodeDefinition[] = [
  ...SOURCE_NODES,
  ...CORRUPTION_NODES,
  ...LAYER_NODES,
  minibatchDiscriminationNode,
  ...OP_NODES,
  replayOp,
  ...IMAGE_OP_NODES,
  ...LOSS_NODES,
  ...WASSERSTEIN_LOSS_NODES,
  ...METRIC_NODES,
  ...SAMPLE_METRIC_NODES,
  ...OPTIMIZER_NODES,
  ...NETWORK_NODES,
];

export const NODE_REGISTRY: NodeRegistry = makeRegistry(NODE_DEFINITIONS);
