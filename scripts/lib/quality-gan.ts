// The lecture's GAN bars (LECTURE.md): mode coverage on the ring of 8 Gaussians for the standard
// GAN and the WGAN, a collapsing preset against its remedied twins, and the minimax loss's weak
// early gradient. Each check trains the presets it needs and returns quality rows.
import * as tf from '@tensorflow/tfjs';
import { nodesNeeded, runPass } from '../../src/core/compile/evaluate';
import { TOY_INFO } from '../../src/core/data/toys';
import { modeCoverage, type ModeCoverage } from '../../src/core/metrics';
import { fixedPass } from '../../src/core/train/passes';
import type { Trainer } from '../../src/core/train/trainer';
import { EVAL_COUNT, type QualityCheck, type QualityRow, steps } from './quality-checks';
import { loadPreset, trainPreset } from './quality-run';

/** Measurements at the end of a run of the ring presets: the bars hold at each, not only at the last step. */
export const LATE_CHECKPOINTS = 3;

/**
 * Trains a ring preset for its own number of steps (scaled) and measures its generator's samples
 * against the 8 modes at the end and, with `checkpoints` > 1, at earlier points an eighth of the
 * run apart (8,000 steps: after 6,000, 7,000 and 8,000), in the order they were taken.
 */
async function ringCoverages(
  preset: string,
  scale: number,
  log: (line: string) => void,
  checkpoints = 1,
): Promise<{ step: number; coverage: ModeCoverage }[]> {
  const total = steps(loadPreset(preset).training.steps, scale);
  const gap = Math.max(1, Math.round(total / 8));
  const first = Math.max(1, total - (checkpoints - 1) * gap);
  const { trainer } = await trainPreset(preset, first, {}, log);
  try {
    const output = trainer.program.networks.get('generator')?.outputRefs[0];
    if (!output) throw new Error(`${preset}: no generator network`);
    const { modes, std } = TOY_INFO.ring8;
    if (!modes || std === undefined) throw new Error('ring8: the dataset definition gives no modes or std');
    const found: { step: number; coverage: ModeCoverage }[] = [];
    for (let step = first; ;) {
      const [points] = await trainer.evaluate([output], EVAL_COUNT);
      const coverage = modeCoverage(points?.values ?? [], modes, std);
      log(
        `${preset} after ${step} steps: ${coverage.covered} modes, ${coverage.highQualityFraction.toFixed(3)} within 3 std`,
      );
      found.push({ step, coverage });
      if (step >= total) return found;
      const next = Math.min(total, step + gap);
      for (; step < next; step++) await trainer.step();
    }
  } finally {
    trainer.dispose();
  }
}

async function ringCoverage(
  preset: string,
  scale: number,
  log: (line: string) => void,
): Promise<ModeCoverage> {
  const [last] = await ringCoverages(preset, scale, log);
  if (!last) throw new Error(`${preset}: nothing measured`);
  return last.coverage;
}

/**
 * At least 7 of 8 modes covered and at least 80% of samples within 3 std of a mode, at each of the
 * last checkpoints: a GAN's samples can swing between good and poor late in training, so the rows
 * give the worst of them.
 */
function ringBars(preset: string): QualityCheck {
  return {
    name: preset,
    async run(scale, log) {
      const found = await ringCoverages(preset, scale, log, LATE_CHECKPOINTS);
      const at = `worst after ${found.map((f) => f.step).join(', ')} steps`;
      const covered = Math.min(...found.map((f) => f.coverage.covered));
      const share = Math.min(...found.map((f) => f.coverage.highQualityFraction));
      return [
        { preset, metric: `modes covered of 8 (${at})`, value: covered, bar: '>= 7', pass: covered >= 7 },
        {
          preset,
          metric: `samples within 3 std of a mode (${at})`,
          value: share,
          bar: '>= 0.80',
          pass: share >= 0.8,
        },
      ];
    },
  };
}

/** Modes a remedy must cover beyond the collapsing preset for the difference to count as clear. */
export const CLEAR_MODE_GAIN = 2;

/** The collapsing preset covers clearly fewer modes than each of its remedied twins. */
const collapseAndRemedies: QualityCheck = {
  name: 'gan-collapse',
  async run(scale, log) {
    const collapsed = await ringCoverage('gan-collapse', scale, log);
    const rows: QualityRow[] = [
      {
        preset: 'gan-collapse',
        metric: 'modes covered of 8',
        value: collapsed.covered,
        bar: 'reference for its remedies',
        pass: null,
      },
    ];
    for (const remedy of ['replay', 'minibatch', 'smoothing']) {
      const preset = `gan-collapse-${remedy}`;
      const fixed = await ringCoverage(preset, scale, log);
      rows.push({
        preset,
        metric: `modes covered of 8 (gan-collapse: ${collapsed.covered})`,
        value: fixed.covered,
        bar: `>= ${collapsed.covered + CLEAR_MODE_GAIN}`,
        pass: fixed.covered >= collapsed.covered + CLEAR_MODE_GAIN,
      });
    }
    return rows;
  },
};

/**
 * Global norm of one phase's gradients (the square root of the sum of every squared entry) on a
 * fresh batch drawn from `salt`, without changing any weight or the trainer's random streams.
 */
export async function phaseGradientNorm(
  trainer: Trainer,
  optimizerNode: string,
  salt: string,
): Promise<number> {
  const { program } = trainer;
  const phase = program.phases.find((p) => p.optimizerNode === optimizerNode);
  if (!phase) throw new Error(`no optimizer node "${optimizerNode}"`);
  const needed = nodesNeeded(program, phase.losses);
  // Graphs on toy points read no dataset, so no images need to be at hand.
  const settings = fixedPass(trainer.seed, new Map(), {
    mode: 'train',
    size: trainer.batchSize,
    split: 'train',
    salt,
  });
  const { value, grads } = tf.variableGrads(() => {
    const { losses } = runPass(program, tf, needed, settings);
    let total: tf.Scalar = tf.scalar(0);
    for (const node of phase.losses) {
      const term = losses.get(node);
      const weight = Number(program.params.get(node)?.weight ?? 1);
      if (term) total = tf.add(total, tf.mul(term, weight));
    }
    return total;
  }, phase.variables as tf.Variable[]);
  const norm = tf.tidy(() => tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g))))));
  const [result] = await norm.data();
  tf.dispose([norm, value, ...Object.values(grads)]);
  return result ?? NaN;
}

/** Generator gradient norms of both loss forms on the same weights and batches. */
export interface GradientComparison {
  readonly minimax: number;
  readonly nonSaturating: number;
  /** Mean D(G(z)) when the norms were taken. */
  readonly dFake: number;
}

/**
 * Early in training D rejects the fakes easily. This trains the discriminator of a ring preset on
 * its own for `dSteps` steps (the generator still at its starting weights), then takes the
 * generator's gradient norm under the minimax and the non-saturating loss on the same `batches`
 * batches: only the form of the loss differs between the two figures.
 */
export async function earlyGeneratorGradients(
  trainer: Trainer,
  nodes: { dOptimizer: string; gOptimizer: string; gLoss: string; dFake: string },
  dSteps: number,
  batches: number,
): Promise<GradientComparison> {
  let dFake = NaN;
  for (let i = 0; i < dSteps; i++)
    dFake = (await trainer.stepPhase(nodes.dOptimizer)).losses[nodes.dFake] ?? NaN;
  const mean = async (form: string) => {
    trainer.setParams(nodes.gLoss, { form });
    let sum = 0;
    for (let b = 0; b < batches; b++)
      sum += await phaseGradientNorm(trainer, nodes.gOptimizer, `gradient-norm:${b}`);
    return sum / batches;
  };
  return { minimax: await mean('minimax'), nonSaturating: await mean('non-saturating'), dFake };
}

const RING_NODES = { dOptimizer: 'dAdam', gOptimizer: 'gAdam', gLoss: 'gLoss', dFake: 'dFakeMean' };

const minimaxGradient: QualityCheck = {
  name: 'gan-ring-minimax-gradient',
  async run(scale, log) {
    const dSteps = steps(200, Math.max(scale, 0.25));
    const { trainer } = await trainPreset('gan-ring', 0, {}, log);
    const found = await earlyGeneratorGradients(trainer, RING_NODES, dSteps, 8);
    trainer.dispose();
    log(
      `after ${dSteps} discriminator steps, D(fake) ${found.dFake.toFixed(3)}: generator gradient norm minimax ${found.minimax}, non-saturating ${found.nonSaturating}`,
    );
    return [
      {
        preset: 'gan-ring',
        metric: `generator gradient norm, minimax / non-saturating (D trained ${dSteps} steps ahead, D(fake) ${found.dFake.toFixed(2)})`,
        value: found.minimax / found.nonSaturating,
        bar: '< 1',
        pass: found.minimax < found.nonSaturating,
      },
    ];
  },
};

export const GAN_QUALITY_CHECKS: readonly QualityCheck[] = [
  ringBars('gan-ring'),
  ringBars('wgan-ring'),
  collapseAndRemedies,
  minimaxGradient,
];
