// The latent map's projection methods and their limits, apart from the code that runs them, so the
// page can name them without bundling the t-SNE and UMAP packages (those run in their own worker).

export type ProjectionMethod = 'pca' | 'tsne' | 'umap';

export const PROJECTION_TITLES: Readonly<Record<ProjectionMethod | 'direct', string>> = {
  pca: 'PCA',
  tsne: 't-SNE',
  umap: 'UMAP',
  direct: 'the coding itself (2-D)',
};

/** t-SNE here is exact: its time and memory grow with the square of the points. */
export const TSNE_MAX_POINTS = 2000;
