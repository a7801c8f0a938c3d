// The zod schema of the current graph document (version 2): what a well-formed, self-consistent file is.

import { z } from 'zod';
import { GRAPH_FORMAT, GRAPH_VERSION, type GraphDocument } from './document';

/** Limits of the training settings, shared by the schema and the loader's messages. */
export const TRAINING_LIMITS = {
  batchSize: { min: 1, max: 4096, words: 'a whole number from 1 to 4096' },
  seed: { words: 'a whole number' },
  steps: { min: 0, words: 'a whole number, 0 or more' },
} as const;

export const paramValueSchema = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.array(z.number()).readonly(),
  z.array(z.string()).readonly(),
]);

const idSchema = z.string().min(1);

export const positionSchema = z.strictObject({ x: z.number(), y: z.number() }).readonly();

export const graphNodeSchema = z
  .strictObject({
    id: idSchema,
    type: idSchema,
    params: z.record(z.string(), paramValueSchema).readonly(),
    position: positionSchema,
    network: idSchema.optional(),
  })
  .readonly();

export const portRefSchema = z.strictObject({ node: idSchema, port: idSchema }).readonly();

export const graphEdgeSchema = z
  .strictObject({ id: idSchema, from: portRefSchema, to: portRefSchema })
  .readonly();

export const networkDefSchema = z
  .strictObject({ id: idSchema, name: z.string(), color: z.string().optional() })
  .readonly();

/** Each training setting on its own, so the loader can check and repair them one by one. */
export const trainingFieldSchemas = {
  batchSize: z.int().min(TRAINING_LIMITS.batchSize.min).max(TRAINING_LIMITS.batchSize.max),
  seed: z.int(),
  steps: z.int().min(TRAINING_LIMITS.steps.min),
} as const;

export const trainingSettingsSchema = z.strictObject(trainingFieldSchemas).readonly();

export const graphMetaSchema = z
  .strictObject({
    title: z.string(),
    description: z.string(),
    lecture: z.string().optional(),
    author: z.string().optional(),
  })
  .readonly();

/** The whole document: shape, plus the references between its parts (ids unique, edges and
 * networks named by nodes exist). Port names and param values need the node registry; the
 * loader checks those. */
export const graphDocumentSchema = z
  .strictObject({
    format: z.literal(GRAPH_FORMAT),
    version: z.literal(GRAPH_VERSION),
    meta: graphMetaSchema,
    training: trainingSettingsSchema,
    networks: z.array(networkDefSchema).readonly(),
    nodes: z.array(graphNodeSchema).readonly(),
    edges: z.array(graphEdgeSchema).readonly(),
  })
  .readonly()
  .superRefine((doc, ctx) => {
    const problem = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    const networkIds = new Set<string>();
    doc.networks.forEach((net, i) => {
      if (networkIds.has(net.id)) problem(['networks', i, 'id'], `network id "${net.id}" is used twice`);
      networkIds.add(net.id);
    });
    const nodeIds = new Set<string>();
    doc.nodes.forEach((node, i) => {
      if (nodeIds.has(node.id)) problem(['nodes', i, 'id'], `node id "${node.id}" is used twice`);
      nodeIds.add(node.id);
      if (node.network !== undefined && !networkIds.has(node.network)) {
        problem(['nodes', i, 'network'], `network "${node.network}" does not exist`);
      }
    });
    const edgeIds = new Set<string>();
    doc.edges.forEach((edge, i) => {
      if (edgeIds.has(edge.id)) problem(['edges', i, 'id'], `edge id "${edge.id}" is used twice`);
      edgeIds.add(edge.id);
      if (!nodeIds.has(edge.from.node)) problem(['edges', i, 'from', 'node'], `no node "${edge.from.node}"`);
      if (!nodeIds.has(edge.to.node)) problem(['edges', i, 'to', 'node'], `no node "${edge.to.node}"`);
    });
  });

// The schema and the hand-written GraphDocument type must describe the same thing: this line stops
// the build when one of them changes without the other.
type Exactly<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesDocumentType: Exactly<z.infer<typeof graphDocumentSchema>, GraphDocument> = true;
void schemaMatchesDocumentType;
