import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../src/core/graph/document';
import { cleanFileName, saveFileName, slugify } from '../../src/app/files/file-names';

const titled = (title: string) => emptyDocument(title);

describe('slugs of graph titles', () => {
  it('lower-cases words and joins them with dashes', () => {
    expect(slugify('Denoising Autoencoder (MNIST)')).toBe('denoising-autoencoder-mnist');
  });

  it('folds accents and drops symbols at the ends', () => {
    expect(slugify('  Réseau de débruitage — β-VAE!  ')).toBe('reseau-de-debruitage-vae');
  });

  it('cuts a long title at a word boundary', () => {
    const slug = slugify('a very long title about stacked autoencoders with many layers and many more words');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug.endsWith('-')).toBe(false);
    expect('a very long title about stacked autoencoders with many layers'.replaceAll(' ', '-')).toContain(
      slug,
    );
  });

  it('is empty for a title without letters or digits', () => {
    expect(slugify('✨ — ✨')).toBe('');
  });
});

describe('file names for Save', () => {
  it('uses the slug of the title for a new graph', () => {
    expect(saveFileName(titled('My GAN on a ring'), null)).toBe('my-gan-on-a-ring.json');
  });

  it('falls back to graph.json when the title gives no slug', () => {
    expect(saveFileName(titled('???'), null)).toBe('graph.json');
  });

  it('keeps the name of the file the graph was opened from', () => {
    expect(saveFileName(titled('Whatever'), 'my experiment.json')).toBe('my experiment.json');
  });

  it('takes only the last part of a preset path', () => {
    expect(saveFileName(titled('VAE'), 'graphs/vae.json')).toBe('vae.json');
    expect(saveFileName(titled('VAE'), 'C:\\graphs\\vae.JSON')).toBe('vae.json');
  });
});

describe('names typed into Save As', () => {
  it('adds .json when it is missing', () => {
    expect(cleanFileName('my-vae')).toBe('my-vae.json');
  });

  it('replaces characters that file systems refuse', () => {
    expect(cleanFileName('run: 3 <best>?')).toBe('run- 3 -best-.json');
  });

  it('refuses a name with nothing usable in it', () => {
    expect(cleanFileName('   ')).toBeNull();
    expect(cleanFileName('.json')).toBeNull();
    expect(cleanFileName('folder/')).toBeNull();
    expect(cleanFileName('...')).toBeNull();
  });
});
