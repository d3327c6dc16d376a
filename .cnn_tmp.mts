import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { generateDataset } from '/work/main/src/engine/data/generated.ts';
import { channelStats, normalizeBatch } from '/work/main/src/engine/data/dataset.ts';
setWasmPaths('/work/main/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
await tf.setBackend(process.argv[2] ?? 'wasm'); await tf.ready(); console.log('backend', tf.getBackend());
const ds = generateDataset({ count: 5000, seed: 1 });
const st = channelStats(ds);
const all = Array.from({ length: 5000 }, (_, i) => i);
const X = tf.tensor4d(normalizeBatch(ds, all, st), [5000, 32, 32, 3]);
const Y = tf.oneHot(tf.tensor1d(Array.from(ds.labels), 'int32'), 10);
const xtr = X.slice(0, 4000), ytr = Y.slice(0, 4000), xte = X.slice(4000), yte = Y.slice(4000);
function build(kind: string) {
  const m = tf.sequential();
  const conv = (f: number, k: number, first = false) => { m.add(tf.layers.conv2d({ filters: f, kernelSize: k, padding: 'same', useBias: false, ...(first ? { inputShape: [32, 32, 3] } : {}) })); m.add(tf.layers.batchNormalization()); m.add(tf.layers.reLU()); };
  if (kind === 'shallow3') { conv(32, 3, true); }
  if (kind === 'shallow7') { conv(32, 7, true); }
  if (kind === 'deep3') { conv(16, 3, true); conv(16, 3); m.add(tf.layers.maxPooling2d({ poolSize: 2 })); conv(32, 3); conv(32, 3); m.add(tf.layers.maxPooling2d({ poolSize: 2 })); conv(64, 3); }
  if (kind === 'mid3') { conv(16, 3, true); m.add(tf.layers.maxPooling2d({ poolSize: 2 })); conv(32, 3); }
  if (kind === 'mid5') { conv(16, 5, true); m.add(tf.layers.maxPooling2d({ poolSize: 2 })); conv(32, 5); }
  m.add(tf.layers.globalAveragePooling2d({})); m.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  m.compile({ optimizer: tf.train.adam(3e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}
for (const kind of (process.argv[3] ?? 'shallow3,mid3,mid5,deep3').split(',')) {
  const t0 = performance.now();
  const m = build(kind);
  await m.fit(xtr, ytr, { epochs: Number(process.argv[4] ?? 8), batchSize: 64, shuffle: true, verbose: 0 });
  const ev = m.evaluate(xte, yte, { batchSize: 250 }) as tf.Scalar[];
  console.log(kind, 'test acc', (await ev[1]!.data())[0]!.toFixed(3), 'secs', ((performance.now() - t0) / 1000).toFixed(0));
}
