/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, openApp, readHeatmap, readRanking, waitForFinished } from './helpers';

/**
 * WebGPU here is SwiftShader's software adapter (Chromium with --enable-unsafe-webgpu):
 * real WebGPU kernels, very slow, so a tiny config and a generous timeout.
 */
const TINY = 'v=1&seed=1&n=128&val=16&epochs=2&batch=16&stages=4x1,8x1&ops=conv3,sep3';
/** Max |webgpu - wasm| per heatmap cell we accept: float32 kernels in a different order, over 16 steps. */
const TOLERANCE = 1e-3;

async function runOn(page: Page, backend: 'webgpu' | 'wasm', timeout: number) {
  const errors = collectErrors(page);
  await openApp(page, `${TINY}&backend=${backend}`);
  await expect(page.getByTestId('select-backend')).toHaveValue(backend);
  const t0 = Date.now();
  await page.getByTestId('run').click();
  await waitForFinished(page, timeout);
  const badge = (await page.getByTestId('backend-badge').textContent())?.replace(/\s+/g, ' ').trim() ?? '';
  const reason = (await page.getByTestId('backend-reason').textContent()) ?? '';
  console.log(
    `${backend}: finished in ${((Date.now() - t0) / 1000).toFixed(1)} s (wall ${await page.getByTestId('wall-seconds').textContent()} s); ${badge}; reason: ${reason}`,
  );
  return { heat: await readHeatmap(page), top: await readRanking(page, 4), badge, errors };
}

test('WebGPU (SwiftShader) trains a tiny config and agrees with WASM', async ({ page, context }) => {
  test.setTimeout(300_000);
  const gpu = await runOn(page, 'webgpu', 200_000);
  expect(gpu.badge).toMatch(/backend: webgpu/);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('title', /swiftshader|fallback|software/i);

  const wasmPage = await context.newPage();
  const cpu = await runOn(wasmPage, 'wasm', 60_000);
  expect(cpu.badge).toMatch(/backend: wasm/);

  expect(gpu.heat).toHaveLength(2);
  expect(cpu.heat).toHaveLength(2);
  let maxDiff = 0,
    maxRel = 0;
  for (let l = 0; l < 2; l++) {
    for (let k = 0; k < 2; k++) {
      const a = gpu.heat[l]![k]!,
        b = cpu.heat[l]![k]!;
      expect(Number.isFinite(a)).toBe(true);
      maxDiff = Math.max(maxDiff, Math.abs(a - b));
      maxRel = Math.max(maxRel, Math.abs(a - b) / Math.abs(b));
    }
  }
  console.log(`heatmap webgpu: ${JSON.stringify(gpu.heat)}\nheatmap wasm:   ${JSON.stringify(cpu.heat)}`);
  console.log(`max |webgpu - wasm| = ${maxDiff.toExponential(3)} (relative ${maxRel.toExponential(3)}), tolerance ${TOLERANCE}`);
  expect(maxDiff).toBeLessThanOrEqual(TOLERANCE);
  expect(gpu.top.map((r) => r.path)).toEqual(cpu.top.map((r) => r.path));
  expect(gpu.errors).toEqual([]);
  expect(cpu.errors).toEqual([]);
});
