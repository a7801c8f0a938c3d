// The catalogue as a whole: one explicit registry, unique ids, and no code outside nodes/
// that decides anything by a node type's name.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NODE_DEFINITIONS, NODE_REGISTRY } from '../../nodes';
import { inferNode } from '../../src/core/infer';
import { defaultParams, paramProblem, type ParamSpecs } from '../../src/core/types/params';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('node catalogue', () => {
  it('has unique type ids and every lookup finds its definition', () => {
    const types = NODE_DEFINITIONS.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    for (const def of NODE_DEFINITIONS) expect(NODE_REGISTRY.get(def.type)).toBe(def);
  });

  it('gives every type a title, a one-line doc, valid defaults and distinct port names', () => {
    for (const def of NODE_DEFINITIONS) {
      expect(def.title, def.type).toMatch(/\S/);
      expect(def.doc, def.type).toMatch(/\S/);
      expect(def.doc.includes('\n'), def.type).toBe(false);
      const defaults = defaultParams(def.params as ParamSpecs);
      for (const [key, spec] of Object.entries(def.params as ParamSpecs)) {
        expect(paramProblem(spec, defaults[key]), `${def.type}.${key}`).toBeNull();
      }
      const inputs = def.inputs.map((p) => p.name);
      const outputs = def.outputs.map((p) => p.name);
      expect(new Set(inputs).size, def.type).toBe(inputs.length);
      expect(new Set(outputs).size, def.type).toBe(outputs.length);
    }
  });

  it('every source infers its outputs from defaults alone', () => {
    for (const def of NODE_DEFINITIONS.filter((d) => d.inputs.length === 0 && d.build.role === 'source')) {
      const result = inferNode(def, { nodeId: 'n', params: {}, inputs: {} });
      expect(result.issues, def.type).toEqual([]);
      expect(Object.keys(result.outputs ?? {}).sort(), def.type).toEqual(
        def.outputs.map((p) => p.name).sort(),
      );
    }
  });

  it('no code in src/ or workers/ names a node type', () => {
    const types = NODE_DEFINITIONS.map((d) => d.type);
    const offenders: string[] = [];
    for (const file of [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'workers'))]) {
      const text = readFileSync(file, 'utf8');
      for (const type of types) {
        if (text.includes(`'${type}'`) || text.includes(`"${type}"`)) offenders.push(`${file}: ${type}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
