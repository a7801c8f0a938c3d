// Names for saved graph files: the name the graph came from, or a slug of its title.

import type { GraphDocument } from '../../core/graph/document';

const FALLBACK_NAME = 'graph';
/** Long titles make unwieldy file names; the slug is cut at a word boundary below this. */
const MAX_SLUG_LENGTH = 60;

/** "Denoising Autoencoder (MNIST)" → "denoising-autoencoder-mnist"; accents are folded to plain letters. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  const cut = slug.slice(0, MAX_SLUG_LENGTH);
  const lastDash = cut.lastIndexOf('-');
  return lastDash > MAX_SLUG_LENGTH / 2 ? cut.slice(0, lastDash) : cut;
}

/**
 * A name typed by the user (or a stored path such as "graphs/vae.json") made safe to download:
 * no folders, no characters that file systems refuse, and a ".json" ending. Null when nothing usable is left.
 */
export function cleanFileName(input: string): string | null {
  const base = input.split(/[\\/]/).pop() ?? '';
  const stem = Array.from(base, (char) => (isRefused(char) ? '-' : char))
    .join('')
    .replace(/-{2,}/g, '-')
    .replace(/\.json$/i, '')
    .trim()
    .replace(/^\.+|\.+$/g, '')
    .trim();
  if (stem === '') return null;
  return `${stem}.json`;
}

/** Control characters, and the ones Windows refuses in file names. */
const isRefused = (char: string): boolean => char.charCodeAt(0) < 32 || '<>:"|?*'.includes(char);

/** The name Save uses: the chosen or opened name when there is one, else the slug of the title. */
export function saveFileName(doc: GraphDocument, fileName: string | null): string {
  const chosen = fileName === null ? null : cleanFileName(fileName);
  if (chosen !== null) return chosen;
  return `${slugify(doc.meta.title) || FALLBACK_NAME}.json`;
}
