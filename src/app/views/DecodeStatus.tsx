// The line under a decoding view's controls while the worker decodes, or the reason it failed.

import type { Job } from './views-store';

export function DecodeStatus({ job }: { readonly job: Job<unknown> }) {
  if (job.status === 'running') return <p className="views-progress">Decoding in the training worker…</p>;
  if (job.status === 'error') {
    return (
      <p className="views-error" role="alert">
        {job.message}
      </p>
    );
  }
  return null;
}
