import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { useWasmBackend } from './wasmBackend';
import { clipByGlobalNorm, createOptimizer, type Optimizer } from './optimizer';

beforeAll(useWasmBackend);

/** Float32 arithmetic on values near 1: a few ulps of slack. */
const TOL = 2e-6;

function scalarVar(x: number): tf.Variable {
  return tf.tidy(() => tf.variable(tf.scalar(x)));
}

/** One step with the given gradients (name → number), disposing the gradient tensors. */
function step(opt: Optimizer, vars: tf.Variable[], grads: [tf.Variable, number][]): void {
  const map: tf.NamedTensorMap = {};
  for (const [v, g] of grads) map[v.name] = tf.scalar(g);
  opt.apply(vars, map);
  tf.dispose(Object.values(map));
}

async function read(v: tf.Variable): Promise<number> {
  return (await v.data())[0]!;
}

describe('SGD with momentum 0.9', () => {
  it('matches a hand-computed 3-step sequence (m = 0.9·m + g; x -= lr·m)', async () => {
    const x = scalarVar(1);
    const opt = createOptimizer('sgd', 0.1);
    const got: number[] = [];
    for (const g of [0.5, -1, 2]) {
      step(opt, [x], [[x, g]]);
      got.push(await read(x));
    }
    // step 1: m = 0.5;                  x = 1 - 0.1*0.5 = 0.95
    // step 2: m = 0.45 - 1 = -0.55;     x = 0.95 + 0.055 = 1.005
    // step 3: m = -0.495 + 2 = 1.505;   x = 1.005 - 0.1505 = 0.8545
    const want = [0.95, 1.005, 0.8545];
    want.forEach((w, i) => expect(Math.abs(got[i]! - w), `step ${i + 1}`).toBeLessThan(TOL));
    opt.dispose();
    x.dispose();
  });

  it('weight decay adds wd·x to the gradient; a changed learningRate takes effect on the next step', async () => {
    const x = scalarVar(1);
    const opt = createOptimizer('sgd', 0.1, { momentum: 0.9, weightDecay: 0.01 });
    step(opt, [x], [[x, 0.5]]);
    // g = 0.5 + 0.01*1 = 0.51; m = 0.51; x = 1 - 0.051 = 0.949
    expect(Math.abs((await read(x)) - 0.949)).toBeLessThan(TOL);
    opt.learningRate = 0.01;
    step(opt, [x], [[x, 0]]);
    // g = 0 + 0.01*0.949 = 0.00949; m = 0.9*0.51 + 0.00949 = 0.46849; x = 0.949 - 0.01*0.46849 = 0.9443151
    expect(Math.abs((await read(x)) - 0.9443151)).toBeLessThan(TOL);
    opt.dispose();
    x.dispose();
  });
});

describe('Adam (beta1 0.9, beta2 0.999, eps 1e-8)', () => {
  it('matches a hand-computed 3-step sequence with bias correction', async () => {
    const x = scalarVar(1);
    const opt = createOptimizer('adam', 0.1);
    const got: number[] = [];
    for (const g of [0.5, -1, 2]) {
      step(opt, [x], [[x, g]]);
      got.push(await read(x));
    }
    // step 1: m = 0.05, v = 0.00025; m̂ = 0.05/0.1 = 0.5, v̂ = 0.00025/0.001 = 0.25;
    //         x = 1 - 0.1*0.5/(0.5 + 1e-8) = 0.900000002
    // step 2: m = 0.045 - 0.1 = -0.055, v = 0.00024975 + 0.001 = 0.00124975;
    //         m̂ = -0.055/0.19 = -0.28947368, v̂ = 0.00124975/0.001999 = 0.62518759;
    //         x = 0.900000002 + 0.1*0.28947368/0.79068805 = 0.93661035
    // step 3: m = -0.0495 + 0.2 = 0.1505, v = 0.00124850025 + 0.004 = 0.00524850025;
    //         m̂ = 0.1505/0.271 = 0.55535055, v̂ = 0.00524850025/0.002997001 = 1.75125075;
    //         x = 0.93661035 - 0.1*0.55535055/1.32334831 = 0.89464479
    const want = [0.900000002, 0.93661035, 0.89464479];
    want.forEach((w, i) => expect(Math.abs(got[i]! - w), `step ${i + 1}`).toBeLessThan(TOL));
    opt.dispose();
    x.dispose();
  });
});

describe('per-variable state', () => {
  it("a variable absent from a step's gradients is untouched, and its momentum does not decay meanwhile", async () => {
    const a = scalarVar(1),
      b = scalarVar(2);
    const opt = createOptimizer('sgd', 0.1);
    step(
      opt,
      [a, b],
      [
        [a, 1],
        [b, 1],
      ],
    ); // a = 0.9 (m_a = 1), b = 1.9 (m_b = 1)
    const bBefore = await b.data();
    step(opt, [a, b], [[a, 1]]); // only a: m_a = 1.9, a = 0.9 - 0.19 = 0.71
    const bAfter = await b.data();
    expect(Buffer.from(bAfter.buffer).equals(Buffer.from(bBefore.buffer))).toBe(true);
    expect(Math.abs((await read(a)) - 0.71)).toBeLessThan(TOL);
    step(opt, [a, b], [[b, 1]]); // only b: m_b = 0.9*1 + 1 = 1.9 (not 0.81 + 1), b = 1.9 - 0.19 = 1.71
    expect(Math.abs((await read(b)) - 1.71)).toBeLessThan(TOL);
    expect(Math.abs((await read(a)) - 0.71)).toBeLessThan(TOL);
    opt.dispose();
    tf.dispose([a, b]);
  });

  it('SGD: two variables updated in alternate steps (each alone, at list position 0) keep separate momentum', async () => {
    const a = scalarVar(1),
      b = scalarVar(2);
    const opt = createOptimizer('sgd', 0.1);
    step(opt, [a], [[a, 1]]); // m_a = 1, a = 0.9
    step(opt, [b], [[b, -2]]); // m_b = -2, b = 2.2 (shared slot would give m = 0.9 - 2 = -1.1, b = 2.11)
    step(opt, [a], [[a, 1]]); // m_a = 1.9, a = 0.71
    step(opt, [b], [[b, -2]]); // m_b = -1.8 - 2 = -3.8, b = 2.2 + 0.38 = 2.58
    expect(Math.abs((await read(a)) - 0.71)).toBeLessThan(TOL);
    expect(Math.abs((await read(b)) - 2.58)).toBeLessThan(TOL);
    opt.dispose();
    tf.dispose([a, b]);
  });

  it('Adam: alternating variables keep separate moments and step counts', async () => {
    const a = scalarVar(1),
      b = scalarVar(2);
    const opt = createOptimizer('adam', 0.1);
    // With a constant gradient g, per-variable bias correction gives m̂ = g, v̂ = g² at every
    // step t of that variable, so each update is exactly lr·sign(g) (up to eps).
    step(opt, [a], [[a, 1]]); // a = 0.9
    step(opt, [b], [[b, -2]]); // b = 2.1
    step(opt, [a], [[a, 1]]); // a = 0.8
    step(opt, [b], [[b, -2]]); // b = 2.2
    expect(Math.abs((await read(a)) - 0.8)).toBeLessThan(TOL);
    expect(Math.abs((await read(b)) - 2.2)).toBeLessThan(TOL);
    opt.dispose();
    tf.dispose([a, b]);
  });
});

describe('memory', () => {
  it('prepare allocates the state up front, steps allocate nothing, dispose frees it', () => {
    const a = scalarVar(1),
      b = tf.tidy(() => tf.variable(tf.zeros([3, 4])));
    const base = tf.memory().numTensors;
    for (const [kind, slots] of [
      ['sgd', 1],
      ['adam', 2],
    ] as const) {
      const opt = createOptimizer(kind, 0.1);
      opt.prepare([a, b]);
      expect(tf.memory().numTensors).toBe(base + 2 * slots);
      const g = { [a.name]: tf.scalar(1), [b.name]: tf.ones([3, 4]) };
      opt.apply([a, b], g);
      opt.apply([a, b], g);
      tf.dispose(Object.values(g));
      expect(tf.memory().numTensors).toBe(base + 2 * slots);
      opt.dispose();
      expect(tf.memory().numTensors).toBe(base);
    }
    tf.dispose([a, b]);
  });
});

describe('clipByGlobalNorm', () => {
  it('scales every gradient by maxNorm / (the L2 norm of all together) when above it, and leaves them below it', async () => {
    const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([0, 4]) }; // global norm 5
    const before = tf.memory().numTensors;
    const [clipped, kept] = tf.tidy(() => {
      const c = clipByGlobalNorm(grads, 2.5),
        k = clipByGlobalNorm(grads, 10);
      return [
        [c.a!, c.b!],
        [k.a!, k.b!],
      ];
    });
    expect(Array.from(await clipped[0]!.data())).toEqual([expect.closeTo(1.5, 5), 0]);
    expect(Array.from(await clipped[1]!.data())).toEqual([0, expect.closeTo(2, 5)]);
    expect(Array.from(await kept[0]!.data())).toEqual([expect.closeTo(3, 5), 0]);
    tf.dispose([...clipped, ...kept]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(Object.values(grads));
  });
});
