// The session tells the editor about an optimizer that waits to start: its node gets a note from
// the moment the graph loads, and the note goes once the optimizer trains.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { twoPhases } from '../core/graph-builder';
import { useCpu } from '../core/helpers';
import { expectOk, recordedSession } from './session-harness';

let open: { dispose(): unknown }[] = [];
beforeAll(useCpu);
afterEach(async () => {
  await Promise.all(open.map((o) => o.dispose()));
  open = [];
});

describe('session schedule notes', () => {
  it('notes a waiting optimizer on load and clears the note once it has started', async () => {
    const { session, frames } = await recordedSession();
    open.push(session);
    expectOk(await session.load(twoPhases('optimizer.adam', {}, { startAfter: 2 }), { batchSize: 8 }));
    const loaded = frames.find((f) => f.notes?.optB !== undefined);
    expect(loaded?.notes?.optB).toMatch(/^Waiting: this optimizer starts after iteration 2/);
    expect(loaded?.notes?.optA).toBeUndefined();
    const seen = frames.length;
    const stepped = expectOk(await session.step(3));
    expect(Object.keys(stepped.losses).sort()).toEqual(['mseA', 'mseB']);
    const cleared = frames.slice(seen).find((f) => f.notes?.optB !== undefined);
    expect(cleared?.notes?.optB).toBe('');
  });
});
