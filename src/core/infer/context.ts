// Runs one node definition's `infer` on given input types, catching its errors as issues.
// Inference of a whole graph calls this per node; node tests call it directly.

import type { AnyNodeDefinition, InferContext, InferOutputs, NetworkSignature } from '../types/definition';
import { type GraphIssue, InferError, type IssueCode, type IssueFacts, makeIssue } from '../types/issues';
import { defaultParams, type ParamValue } from '../types/params';
import { formatType, type PortType, type TensorType } from '../types/ports';

export interface NodeInferResult {
  /** Output types, or null when the node has an error. */
  readonly outputs: InferOutputs | null;
  readonly issues: readonly GraphIssue[];
}

export interface NodeInferInput {
  readonly nodeId: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Types on each input port, in edge order. */
  readonly inputs: Readonly<Record<string, readonly PortType[]>>;
  /** Looks up a network's signature (instances); absent means no networks are known. */
  readonly network?: (id: string) => NetworkSignature | undefined;
}

/** "rank 1 ([B,n])" style wording for rank expectations. */
function rankWords(rank: number | readonly number[]): string {
  const ranks = typeof rank === 'number' ? [rank] : rank;
  const example = (r: number): string =>
    r === 1 ? 'vector [B,n]' : r === 2 ? 'sequence [B,t,n]' : r === 3 ? 'image [B,h,w,c]' : `rank ${r}`;
  return ranks.map(example).join(' or ');
}

/** Params of the node with defaults filled in for missing keys. */
export function paramsWithDefaults(
  def: AnyNodeDefinition,
  params: Readonly<Record<string, ParamValue>>,
): Record<string, ParamValue> {
  return { ...defaultParams(def.params), ...params };
}

export function inferNode(def: AnyNodeDefinition, input: NodeInferInput): NodeInferResult {
  const issues: GraphIssue[] = [];
  const node = input.nodeId;
  const single = (port: string): PortType | undefined => input.inputs[port]?.[0];
  const ctx: InferContext<Record<string, never>> = {
    params: paramsWithDefaults(def, input.params) as never,
    nodeId: node,
    input: single,
    inputs: (port) => input.inputs[port] ?? [],
    tensor(port, rank): TensorType {
      const type = single(port);
      if (type === undefined) throw new InferError('E_UNCONNECTED', { port });
      if (type.kind !== 'tensor') {
        throw new InferError('E_WRONG_KIND', { port, expected: 'a tensor', actual: formatType(type) });
      }
      if (rank !== undefined) {
        const ranks = typeof rank === 'number' ? [rank] : rank;
        if (!ranks.includes(type.shape.length)) {
          throw new InferError('E_RANK', { port, expected: rankWords(rank), actual: formatType(type) });
        }
      }
      return type;
    },
    network(id) {
      const signature = input.network?.(id);
      if (signature === undefined)
        throw new InferError('E_UNKNOWN_NETWORK', { network: id, param: 'network' });
      return signature;
    },
    fail(code: IssueCode, facts: IssueFacts = {}): never {
      throw new InferError(code, facts);
    },
    warn(code: IssueCode, facts: IssueFacts = {}) {
      issues.push(makeIssue(code, facts, node));
    },
  };
  try {
    const outputs = def.infer(ctx);
    return { outputs, issues };
  } catch (error) {
    if (error instanceof InferError) {
      issues.push(makeIssue(error.code, error.facts, node));
    } else {
      issues.push(
        makeIssue('E_INTERNAL', { detail: error instanceof Error ? error.message : String(error) }, node),
      );
    }
    return { outputs: null, issues };
  }
}
