// Runs one projection in its own worker (workers/projection.worker.ts), so a long t-SNE or UMAP
// neither freezes the page nor waits behind training steps; cancelling ends the worker.

import { proxy, releaseProxy, wrap } from 'comlink';
import type { ProjectionWorkerApi } from '../../../workers/projection.worker';
import type { ProgressListener, ProjectionRequest, ProjectionResult } from '../../core/views/projection';

export interface ProjectionJob {
  readonly result: Promise<ProjectionResult>;
  cancel(): void;
}

export function startProjection(request: ProjectionRequest, progress: ProgressListener): ProjectionJob {
  const worker = new Worker(new URL('../../../workers/projection.worker.ts', import.meta.url), {
    type: 'module',
    name: 'latent-lab-projection',
  });
  const api = wrap<ProjectionWorkerApi>(worker);
  let fail: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    fail(new Error(`the projection worker failed: ${event.message || 'its script could not be loaded'}`));
  });
  const finish = () => {
    api[releaseProxy]();
    worker.terminate();
  };
  const result = Promise.race([api.project(request, proxy(progress)), failed]);
  result.then(finish, finish);
  return {
    result,
    cancel() {
      fail(new Error('cancelled'));
    },
  };
}
