// The layer family of the node catalogue: every node that compiles to one tfjs layer.

import type { AnyNodeDefinition } from '../src/core/types/definition';
import { CONV_LAYER_NODES } from './layers-conv';
import { DENSE_LAYER_NODES } from './layers-dense';
import { RECURRENT_LAYER_NODES } from './layers-recurrent';
import { SHAPE_LAYER_NODES } from './layers-shape';

export * from './layers-conv';
export * from './layers-dense';
export * from './layers-recurrent';
export * from './layers-shape';

export const LAYER_NODES: readonly AnyNodeDefinition[] = [
  ...DENSE_LAYER_NODES,
  ...CONV_LAYER_NODES,
  ...SHAPE_LAYER_NODES,
  ...RECURRENT_LAYER_NODES,
];
