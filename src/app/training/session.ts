// The page's one training session: makes the TrainingClient on the first Train, feeds its frames
// to the training store, and keeps the worker in step with edits made while it trains.

import { NODE_REGISTRY } from '../../../nodes';
import type { GraphDocument } from '../../core/graph/document';
import type { ParamRefusal } from '../../core/train/session';
import type { ParamValue } from '../../core/types/params';
import { type BackendChoice, TrainingClient } from '../session/client';
import { editorStore } from '../../store';
import { classifyChange } from './doc-diff';
import { panelSettings } from './panel-settings';
import { applyFrame, initialTraining, trainingStore } from './training-store';

let client: TrainingClient | null = null;
/** The document the worker has, to tell what an edit changed. */
let loaded: GraphDocument | null = null;
let unsubscribeEditor: (() => void) | null = null;
let reloadTimer: ReturnType<typeof setTimeout> | null = null;
/** The editor's `opened` count when the worker got its document: a new count means another graph. */
let openedSeen = 0;

const say = (kind: 'error' | 'notice', text: string) => trainingStore.setState({ message: { kind, text } });

function ensureClient(): TrainingClient {
  if (client) return client;
  const made = new TrainingClient({ backend: panelSettings.getState().backend });
  made.onFrame((frame) => trainingStore.setState((s) => applyFrame(s, frame)));
  made.onEvent((event) => {
    if (event.kind === 'started') trainingStore.setState({ backend: event.backend });
    else if (event.kind === 'restarted')
      say('notice', `The training worker was restarted: ${event.reason}. Your graph is untouched.`);
    else say('error', `Training could not go on: ${event.reason}. Your graph is untouched.`);
  });
  client = made;
  openedSeen = editorStore.getState().opened;
  unsubscribeEditor = editorStore.subscribe((s) => {
    if (s.opened !== openedSeen) startOver();
    else followEdit(s.doc);
  });
  return made;
}

/** Runs a command, turning a refusal or a thrown error into a message; never throws. */
async function command(run: (c: TrainingClient) => Promise<{ ok: boolean; error?: { message: string } }>) {
  const c = ensureClient();
  trainingStore.setState({ busy: true });
  try {
    const result = await run(c);
    if (!result.ok) say('error', result.error?.message ?? 'The worker refused the command.');
    return result.ok;
  } catch (error) {
    say('error', error instanceof Error ? error.message : String(error));
    return false;
  } finally {
    trainingStore.setState({ busy: false });
  }
}

const active = () => {
  const state = trainingStore.getState().state;
  return state === 'training' || state === 'paused' || state === 'loading';
};

/** Sends live param changes and says in words what was applied or refused. */
async function sendLive(
  doc: GraphDocument,
  node: string,
  changes: Readonly<Record<string, ParamValue>>,
): Promise<void> {
  const specs = NODE_REGISTRY.get(doc.nodes.find((n) => n.id === node)?.type ?? '')?.params ?? {};
  const name = (key: string) => specs[key]?.label ?? key;
  let refused: readonly ParamRefusal[] = [];
  const ok = await command(async (c) => {
    const result = await c.setParams(node, changes);
    if (result.ok) refused = result.refused;
    return result;
  });
  if (!ok) return;
  if (refused.length > 0) {
    say('error', refused.map((r) => `${name(r.param)} of ${node} was not changed: ${r.reason}`).join(' '));
    return;
  }
  const applied = Object.entries(changes).map(
    ([key, value]) => `${name(key)} of ${node} is now ${String(value)}`,
  );
  const text = `${applied.join('; ')}, without restarting training.`;
  say('notice', text.charAt(0).toUpperCase() + text.slice(1));
}

/**
 * Another graph was opened (New, Open, gallery, restore): its training must not inherit the old
 * one's weights, iteration or charts, so the worker is ended and the next Train starts a fresh one.
 */
function startOver(): void {
  const hadRun = trainingStore.getState().state !== 'empty';
  disposeTraining();
  if (hadRun)
    say(
      'notice',
      'Training of the previous graph was stopped. Press Train to train this one from new weights.',
    );
}

function followEdit(doc: GraphDocument): void {
  if (!client || !loaded || doc === loaded || !active()) return;
  const change = classifyChange(loaded, doc, NODE_REGISTRY);
  if (change.kind === 'none') {
    loaded = doc;
    return;
  }
  if (change.kind === 'live') {
    loaded = doc;
    for (const [node, changes] of Object.entries(change.params)) void sendLive(doc, node, changes);
    return;
  }
  // Typing several edits in a row recompiles once.
  if (reloadTimer) clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => {
    reloadTimer = null;
    const latest = editorStore.getState().doc;
    loaded = latest;
    void command((c) => c.load(latest));
  }, 250);
}

/** Loads the current document (if it changed since) and starts training. */
export async function train(): Promise<void> {
  const doc = editorStore.getState().doc;
  trainingStore.setState({ message: null, nonFiniteNode: null });
  if (doc !== loaded || trainingStore.getState().state === 'empty') {
    loaded = doc;
    if (!(await command((c) => c.load(doc)))) return;
  }
  await command((c) => c.start());
}

export const pause = () => command((c) => c.pause());
export const resume = () => {
  trainingStore.setState({ nonFiniteNode: null });
  return command((c) => c.resume());
};

/** One iteration, loading the document first when the worker has none. */
export async function step(): Promise<void> {
  const doc = editorStore.getState().doc;
  trainingStore.setState({ message: null });
  if (doc !== loaded || trainingStore.getState().state === 'empty') {
    loaded = doc;
    if (!(await command((c) => c.load(doc)))) return;
  }
  await command((c) => c.step(1));
}

export async function reset(): Promise<void> {
  if (!client) return;
  if (await command((c) => c.reset()))
    trainingStore.setState({ history: {}, losses: {}, nonFiniteNode: null });
}

/**
 * Remembers the backend the student chose (it outlives a reload) and, when a worker is already running,
 * restarts it on that backend with the same graph and weights; training goes on if it was running.
 */
export async function chooseBackend(choice: BackendChoice): Promise<void> {
  panelSettings.setState({ backend: choice });
  if (!client) return;
  const c = client;
  const before = trainingStore.getState().state;
  const wasTraining = before === 'training';
  trainingStore.setState({ busy: true });
  try {
    const saved = before === 'empty' ? null : await c.readWeights();
    const report = await c.setBackend(choice);
    if (!report) return;
    let carried = false;
    if (saved?.ok) carried = (await c.writeWeights(saved.weights)).ok;
    if (wasTraining) await c.start();
    const fellBack = choice !== 'auto' && report.name !== choice;
    const reason = report.skipped.find((skip) => skip.name === choice)?.reason;
    if (fellBack)
      say('error', `${choice} could not start${reason ? ` (${reason})` : ''}; training on ${report.name}.`);
    else
      say(
        'notice',
        `Now on ${report.name}${choice === 'auto' ? ' (automatic choice)' : ''}` +
          (carried ? '; the weights came along, the iteration count starts again.' : '.'),
      );
  } finally {
    trainingStore.setState({ busy: false });
  }
}

/** The training client for the latent views (src/app/views), or null before the first Train or Step. */
export function viewsClient(): TrainingClient | null {
  return client;
}

/** Ends the worker (tests, hot reload). */
export function disposeTraining(): void {
  if (reloadTimer) clearTimeout(reloadTimer);
  reloadTimer = null;
  unsubscribeEditor?.();
  unsubscribeEditor = null;
  client?.dispose();
  client = null;
  loaded = null;
  trainingStore.setState(initialTraining);
}
