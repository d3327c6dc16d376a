import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, commitInput, openApp, waitForFinished } from './helpers';

const HASH = 'v=1&seed=4&n=128&val=32&epochs=2&stages=8x1,16x1,32x1&topk=5';

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

test('exports: chart PNG, subnet JSON and PyTorch file, ranking CSV; retrain curves', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, HASH);
  await page.getByTestId('run').click();
  await waitForFinished(page, 120_000);

  const png = await download(page, 'png-curves');
  expect(png.name).toBe('curves.png');
  expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.bytes.length).toBeGreaterThan(2000); // a drawn chart, not an empty canvas

  const row = page.getByTestId('rank-row-0');
  const path = (await row.getAttribute('data-path'))!;
  await row.click();
  const described = await download(page, 'export-json');
  expect(described.name).toBe(`subnet-${path}.json`);
  const json = JSON.parse(described.bytes.toString('utf8'));
  expect(json.path).toBe(path);
  expect(json.score).toBeCloseTo(Number(await row.getAttribute('data-score')), 12);
  expect(json.config).toMatchObject({ seed: 4, n: 128, topk: 5 });

  const py = await download(page, 'export-pytorch');
  expect(py.name).toBe(`subnet-${path}.py`);
  expect(py.bytes.toString('utf8')).toContain('class Subnet(nn.Module)');

  const csv = (await download(page, 'export-ranking')).bytes.toString('utf8').trim().split('\n');
  expect(csv[0]).toBe('rank,path,ops,score,flops,params');
  expect(csv).toHaveLength(6);
  expect(csv[1]!.startsWith(`1,${path},`)).toBe(true);

  await page.getByTestId('enqueue-selected').click();
  await page.getByTestId('retrain-epochs').fill('2');
  await page.getByTestId('retrain-epochs').press('Enter');
  await page.getByTestId('retrain').click();
  await expect(page.locator('[data-testid=retrain-results] tbody tr')).toHaveCount(1, { timeout: 120_000 });
  await expect(page.getByTestId('retrain-curves').locator('.recharts-line')).toHaveCount(1);
  const retrainCsv = (await download(page, 'export-retrain')).bytes.toString('utf8').trim().split('\n');
  expect(retrainCsv).toHaveLength(2);
  expect(retrainCsv[0]).toBe('path,ops,score,accuracy,accuracies,epochs,seconds,flops,params,gradNorm,snip,synflow,naswot');
  expect(retrainCsv[1]!.startsWith(`${path},`)).toBe(true);
  expect(errors).toEqual([]);
});

/**
 * The TF.js export of a retrained subnet: both files download from one click,
 * model.json names the weights file, and tf.loadLayersModel's model (here in
 * Node, on the CPU backend) scores the same validation split — rebuilt here
 * from the seed — at the accuracy the page shows.
 */
const LEARNS = 'v=1&seed=4&n=768&val=96&epochs=1&stages=8x1,16x1,32x1&topk=5';

test('a retrained subnet exports as a TF.js Layers model that reproduces its accuracy', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, LEARNS);
  await page.getByTestId('run').click();
  await waitForFinished(page, 120_000);
  const row = page.getByTestId('rank-row-0');
  const path = (await row.getAttribute('data-path'))!;
  await row.click();
  await page.getByTestId('enqueue-selected').click();
  await commitInput(page, 'retrain-epochs', '8');
  await commitInput(page, 'retrain-lr', '0.1');
  await page.getByTestId('retrain').click();
  const result = page.locator('[data-testid=retrain-results] tbody tr');
  await expect(result).toHaveCount(1, { timeout: 120_000 });
  const shownAccuracy = Number(await result.getAttribute('data-accuracies'));

  const files: { name: string; bytes: Buffer }[] = [];
  page.on('download', async (d) => {
    files.push({ name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) });
  });
  await page.getByTestId(`export-tfjs-${path}`).click();
  await expect.poll(() => files.length, { timeout: 30_000 }).toBe(2);
  // The model file is named apart from the ranking's subnet JSON (subnet-<path>.json).
  const modelFile = files.find((f) => f.name === `subnet-${path}.model.json`)!;
  const weightsFile = files.find((f) => f.name === `subnet-${path}.weights.bin`)!;
  expect(modelFile && weightsFile).toBeTruthy();
  const modelJson = JSON.parse(modelFile.bytes.toString('utf8'));
  expect(modelJson.weightsManifest[0].paths).toEqual([`./subnet-${path}.weights.bin`]);
  const meta = modelJson.userDefinedMetadata;
  expect(meta.path).toBe(path);
  expect(meta.accuracy).toBe(shownAccuracy);

  const tf = await import('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  const weightData = weightsFile.bytes.buffer.slice(weightsFile.bytes.byteOffset, weightsFile.bytes.byteOffset + weightsFile.bytes.byteLength);
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData }),
  );
  // The run's validation split, rebuilt from its seed by the engine's own data code.
  const { generateDataset } = await import('../src/engine/data');
  const { prepareData } = await import('../src/engine/data');
  const { parseConfig } = await import('../src/config');
  const config = parseConfig(LEARNS).config;
  const { val } = prepareData(generateDataset({ count: config.n + config.val, seed: config.seed }), config).data;
  const x = new Float32Array(val.count * 3072);
  for (let i = 0; i < val.count * 3072; i++) x[i] = (val.images[i]! / 255 - meta.mean[i % 3]) / meta.std[i % 3];
  const predicted = tf.tidy(() => (model.predict(tf.tensor4d(x, [val.count, 32, 32, 3])) as import('@tensorflow/tfjs').Tensor).argMax(1).dataSync());
  const correct = Array.from(predicted).filter((p, i) => p === val.labels[i]).length;
  console.log(`exported model: ${correct}/${val.count} correct in Node vs ${(shownAccuracy * val.count).toFixed(0)} shown`);
  // WASM in the page vs CPU here: float rounding may flip at most a near-tie.
  expect(Math.abs(correct - shownAccuracy * val.count)).toBeLessThanOrEqual(1);
  // A subnet that learned (a broken export predicts one class, at chance).
  expect(shownAccuracy).toBeGreaterThan(0.15);
  expect(new Set(predicted).size).toBeGreaterThan(2);
  model.dispose();
  expect(errors).toEqual([]);
});
