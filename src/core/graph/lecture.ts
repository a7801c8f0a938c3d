// The sections of the lecture "Representation learning", in teaching order. A graph's
// meta.lecture names one of them; the gallery sorts presets by it.

export const LECTURE_SECTIONS: readonly string[] = [
  'Linear autoencoders',
  'Stacked autoencoders',
  'Visualising codings',
  'Convolutional autoencoders',
  'Recurrent autoencoders',
  'Denoising autoencoders',
  'Sparse autoencoders',
  'Variational autoencoders',
  'VAE loss ablation',
  'Disentangling with beta-VAE',
  'Unsupervised pretraining',
  'Semantic interpolation',
  'Generating new instances',
  'Generative adversarial networks',
  'Mode collapse',
  'GAN tricks',
  'Deep convolutional GANs',
  'Conditional GANs',
  'Paired conditional GANs',
  'Image quality metrics',
  'Wasserstein GANs',
];
