// The latent map's projection worker: t-SNE, UMAP or PCA of codings, off the page's thread and
// beside the training worker (which it never waits for). Plain JavaScript, no tfjs.

import { expose } from 'comlink';
import { type ProgressListener, type ProjectionRequest, projectCodings } from '../src/core/views/projection';

export interface ProjectionWorkerApi {
  project: typeof projectCodings;
}

const api: ProjectionWorkerApi = {
  project: (request: ProjectionRequest, progress?: ProgressListener) => projectCodings(request, progress),
};

expose(api);
