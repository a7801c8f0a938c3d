// What a training session does with the loaded model besides training it: live param changes
// (checked against the node's definition, kept in the session's copy of the document) and
// exporting every network as tfjs model artifacts.

import type * as tfjs from '@tensorflow/tfjs';
import type { Program } from '../compile/program';
import type { GraphDocument } from '../graph/document';
import type { AnyNodeDefinition, NodeRegistry } from '../types/definition';
import { paramProblem, type ParamSpec, type ParamValue } from '../types/params';
import { type CommandResult, fail } from './session-types';
import type { Trainer } from './trainer';

export interface ParamRefusal {
  readonly param: string;
  readonly reason: string;
}

/** Separates the changes that may apply during training from those refused, with the reason. */
export function splitLiveParams(
  def: AnyNodeDefinition,
  changes: Readonly<Record<string, ParamValue>>,
): { applied: Record<string, ParamValue>; refused: ParamRefusal[] } {
  const applied: Record<string, ParamValue> = {};
  const refused: ParamRefusal[] = [];
  for (const [param, value] of Object.entries(changes)) {
    const spec = def.params[param] as ParamSpec | undefined;
    const problem = !spec
      ? `${def.title} has no param "${param}"`
      : !spec.live
        ? `"${param}" changes the graph's structure; it applies when the graph is recompiled`
        : paramProblem(spec, value);
    if (problem) refused.push({ param, reason: problem });
    else applied[param] = value;
  }
  return { applied, refused };
}

/**
 * Applies the live changes among `changes` to the trainer and returns the document with them, so a
 * reset or a fallback rebuild uses the values in force; refuses when none of them may apply.
 */
export function applyLiveParams(
  trainer: Trainer,
  doc: GraphDocument,
  registry: NodeRegistry,
  nodeId: string,
  changes: Readonly<Record<string, ParamValue>>,
): { result: CommandResult<{ applied: string[]; refused: ParamRefusal[] }>; doc: GraphDocument } {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const def = node && registry.get(node.type);
  if (!node || !def)
    return { result: fail('bad-request', `There is no node "${nodeId}" in the graph.`), doc };
  const { applied, refused } = splitLiveParams(def, changes);
  if (Object.keys(applied).length === 0 && refused.length > 0) {
    return { result: fail('bad-request', refused.map((r) => r.reason).join('; ')), doc };
  }
  trainer.setParams(nodeId, applied);
  const updated = {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === nodeId ? { ...n, params: { ...n.params, ...applied } } : n)),
  };
  return { result: { ok: true, applied: Object.keys(applied), refused }, doc: updated };
}

/** One network as the files `tf.loadLayersModel` reads: topology JSON, weight specs, weight bytes. */
export interface ExportedNetwork {
  readonly network: string;
  readonly name: string;
  readonly modelTopology: object;
  readonly weightSpecs: readonly tfjs.io.WeightsManifestEntry[];
  readonly weightData: ArrayBuffer;
}

/** Saves every network through an in-memory handler (weights are read asynchronously). */
export async function exportNetworks(program: Program, tf: typeof tfjs): Promise<ExportedNetwork[]> {
  const out: ExportedNetwork[] = [];
  for (const net of program.networks.values()) {
    let captured: tfjs.io.ModelArtifacts | undefined;
    await net.model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        captured = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    if (!captured) throw new Error(`network "${net.name}" produced nothing to export`);
    const data = captured.weightData;
    out.push({
      network: net.id,
      name: net.name,
      modelTopology: (captured.modelTopology ?? {}) as object,
      weightSpecs: captured.weightSpecs ?? [],
      weightData:
        data === undefined
          ? new ArrayBuffer(0)
          : Array.isArray(data)
            ? tf.io.CompositeArrayBuffer.join(data)
            : data,
    });
  }
  return out;
}
