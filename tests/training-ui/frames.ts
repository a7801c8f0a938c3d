// A session frame for page-side tests: an ordinary training frame with the fields a test cares about.
import type { SessionFrame } from '../../src/core/train/frames';

export const frame = (patch: Partial<SessionFrame>): SessionFrame => ({
  seq: 1,
  time: 0,
  state: 'training',
  iteration: 1,
  losses: {},
  history: [],
  samplesPerSec: 100,
  backend: null,
  previews: [],
  ...patch,
});
