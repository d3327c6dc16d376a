/** trainSupernet's hooks and cancellation: a loop without onStep ends, an abort stops it cleanly, the gate paces every step. */
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { useWasmBackend } from '../nn/wasmBackend';
import { createRng } from '../space/rng';
import { createSupernet, disposeSupernet } from '../nn/supernet';
import { SupernetTrainer, TrainingAborted, trainSupernet, type StepReport, type TrainData } from './train';
import { release, settings, space, trainData } from '../../testing/trainFixture';

let data: TrainData;

beforeAll(async () => {
  await useWasmBackend();
  data = trainData();
});

describe('hooks', () => {
  // Regression (fixed in train.ts, trainSupernet): `hooks.onStep?.(await trainer.runStep())` short-circuits
  // its argument, so without an onStep hook runStep() never ran, trainer.step stayed 0 and the loop called
  // endEpoch() forever (on microtasks only: no timer, not even a test timeout, could interrupt it).
  // trainSupernet now runs the step first and reports it after: `const report = await trainer.runStep(); hooks.onStep?.(report);`.
  it('trains to the end without an onStep hook', async () => {
    const rng = createRng(12);
    const net = createSupernet(space, rng.fork('init'));
    const trainer = new SupernetTrainer(net, data, settings(), rng.fork('train'));
    const controller = new AbortController();
    let passes = 0;
    try {
      // Guard: abort after 20 loop passes (4 are needed) so the bug fails instead of hanging.
      const result = await trainSupernet(trainer, {
        signal: controller.signal,
        gate: async () => {
          if (++passes > 20) controller.abort();
        },
      });
      expect(result.steps).toBe(4);
      expect(result.epochs.length).toBe(1);
    } finally {
      release({ net, trainer });
    }
  });
});

describe('abort', () => {
  it('an AbortSignal aborted from onStep makes trainSupernet throw TrainingAborted; nothing leaks after cleanup', async () => {
    const start = tf.memory().numTensors;
    const rng = createRng(10);
    const net = createSupernet(space, rng.fork('init'));
    const trainer = new SupernetTrainer(net, data, settings({ epochs: 2 }), rng.fork('train'));
    const controller = new AbortController();
    const steps: StepReport[] = [];
    const run = trainSupernet(trainer, {
      signal: controller.signal,
      onStep: (r) => {
        steps.push(r);
        if (r.step === 2) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(TrainingAborted);
    expect(steps.length).toBe(2);
    expect(trainer.step).toBe(2);
    trainer.dispose();
    disposeSupernet(net);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('an already-aborted signal throws before the first step', async () => {
    const rng = createRng(10);
    const net = createSupernet(space, rng.fork('init'));
    const trainer = new SupernetTrainer(net, data, settings(), rng.fork('train'));
    let gates = 0;
    await expect(
      trainSupernet(trainer, {
        signal: AbortSignal.abort(),
        gate: async () => {
          gates++;
        },
      }),
    ).rejects.toBeInstanceOf(TrainingAborted);
    expect(trainer.step).toBe(0);
    expect(gates).toBe(0);
    release({ net, trainer });
  });

  it('gate is awaited once before every step', async () => {
    const rng = createRng(10);
    const net = createSupernet(space, rng.fork('init'));
    const trainer = new SupernetTrainer(net, data, settings(), rng.fork('train'));
    const log: string[] = [];
    await trainSupernet(trainer, {
      gate: async () => {
        log.push('gate');
      },
      onStep: () => log.push('step'),
    });
    expect(log).toEqual(['gate', 'step', 'gate', 'step', 'gate', 'step', 'gate', 'step']);
    release({ net, trainer });
  });
});
