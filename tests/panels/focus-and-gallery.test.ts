import { describe, expect, it } from 'vitest';
import { wrapFocus } from '../../src/app/panels/focus-trap';
import { presetOpening } from '../../src/app/panels/gallery';
import { emptyDocument } from '../../src/core/graph/document';

describe('focus trap', () => {
  it('wraps Tab from the last element to the first and Shift+Tab from the first to the last', () => {
    expect(wrapFocus(4, 3, false)).toBe(0);
    expect(wrapFocus(4, 0, true)).toBe(3);
  });

  it('lets Tab move normally between inner elements', () => {
    expect(wrapFocus(4, 1, false)).toBeNull();
    expect(wrapFocus(4, 2, true)).toBeNull();
  });

  it('pulls focus that is outside the dialog back in', () => {
    expect(wrapFocus(4, -1, false)).toBe(0);
    expect(wrapFocus(4, -1, true)).toBe(3);
    expect(wrapFocus(0, -1, false)).toBeNull();
  });
});

describe('opening a preset', () => {
  const loaded = { doc: emptyDocument('VAE'), warnings: [] };

  it('replaces the document with an undo label naming the preset and its graphs/ path', () => {
    const opening = presetOpening({ title: 'Variational autoencoder', file: 'graphs/vae.json', loaded });
    expect(opening).toEqual({
      doc: loaded.doc,
      label: 'Open Variational autoencoder',
      fileName: 'graphs/vae.json',
    });
  });

  it('puts a bare file name under graphs/', () => {
    expect(presetOpening({ title: 'GAN', file: 'gan-ring.json', loaded }).fileName).toBe(
      'graphs/gan-ring.json',
    );
  });
});
