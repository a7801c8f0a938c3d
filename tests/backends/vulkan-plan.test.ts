// How the webgpu backend decides where a Vulkan driver comes from, and what it says when there is none.
import { describe, expect, it } from 'vitest';
import { noAdapterMessage, planVulkan } from '../../scripts/lib/backends';

const chromiumIcd = '/usr/lib/chromium/vk_swiftshader_icd.json';
const withChromium = (path: string) => path === chromiumIcd;
const withNothing = () => false;

describe('planVulkan', () => {
  it("uses the user's VK_ICD_FILENAMES as it is and never swaps in SwiftShader", () => {
    const plan = planVulkan({ VK_ICD_FILENAMES: '/opt/icd.json' }, withChromium, 0);
    expect(plan).toEqual({ tryAsIs: true, swiftShaderIcd: null });
  });

  it('treats the newer VK_DRIVER_FILES like VK_ICD_FILENAMES', () => {
    expect(planVulkan({ VK_DRIVER_FILES: '/opt/icd.json' }, withChromium, 0).swiftShaderIcd).toBeNull();
  });

  it("goes straight to Chromium's SwiftShader when no system driver is installed", () => {
    expect(planVulkan({}, withChromium, 0)).toEqual({ tryAsIs: false, swiftShaderIcd: chromiumIcd });
  });

  it('tries the installed drivers first and keeps SwiftShader as the fallback', () => {
    expect(planVulkan({}, withChromium, 2)).toEqual({ tryAsIs: true, swiftShaderIcd: chromiumIcd });
  });

  it('still asks Dawn when neither drivers nor chromium are found, so other backends get a chance', () => {
    expect(planVulkan({}, withNothing, 0)).toEqual({ tryAsIs: true, swiftShaderIcd: null });
  });
});

describe('noAdapterMessage', () => {
  it('tells the user to install chromium or set VK_ICD_FILENAMES when nothing was found', () => {
    const text = noAdapterMessage({}, null);
    expect(text).toMatch(/^webgpu: no adapter/);
    expect(text).toContain('install chromium');
    expect(text).toContain('VK_ICD_FILENAMES=');
  });

  it("names the user's ICD file when it gave no adapter", () => {
    expect(noAdapterMessage({ VK_ICD_FILENAMES: '/opt/icd.json' }, null)).toContain(
      'VK_ICD_FILENAMES=/opt/icd.json',
    );
  });

  it('asks for a Vulkan loader before anything else when none could be loaded', () => {
    const text = noAdapterMessage({ VK_ICD_FILENAMES: '/opt/icd.json' }, null, false);
    expect(text).toContain('libvulkan.so.1');
    expect(text).toContain('LD_LIBRARY_PATH=');
  });

  it('gives the exact variables to set before start when SwiftShader itself failed', () => {
    const text = noAdapterMessage({}, chromiumIcd);
    expect(text).toContain('LD_LIBRARY_PATH=/usr/lib/chromium');
    expect(text).toContain(`VK_ICD_FILENAMES=${chromiumIcd}`);
  });
});
