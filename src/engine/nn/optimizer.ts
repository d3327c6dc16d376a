/**
 * SGD with momentum and Adam with per-variable state keyed by variable name.
 *
 * tfjs's own optimizers index their slots by the position of a variable in
 * the gradient list, so when every step updates a different path's variables
 * (SPOS), one variable's momentum is applied to another's update. Here each
 * variable owns its state and its step count, and a variable that is not in a
 * step's gradient list is not touched: unsampled ops do not drift.
 */
import * as tf from '@tensorflow/tfjs';

export type OptimizerKind = 'sgd' | 'adam';

export interface Optimizer {
  kind: OptimizerKind;
  learningRate: number;
  /** Creates the state of every variable up front, so memory is flat from the first step on. */
  prepare(vars: tf.Variable[]): void;
  /** Applies one update to each variable in `grads` (name → gradient). */
  apply(vars: tf.Variable[], grads: tf.NamedTensorMap): void;
  dispose(): void;
}

export function createOptimizer(kind: OptimizerKind, learningRate: number, opts: { momentum?: number; weightDecay?: number } = {}): Optimizer {
  const momentum = opts.momentum ?? 0.9;
  const weightDecay = opts.weightDecay ?? 0;
  const slots = new Map<string, { m: tf.Variable; v?: tf.Variable; t: number }>();
  const beta1 = 0.9,
    beta2 = 0.999,
    eps = 1e-8;
  const slotOf = (variable: tf.Variable) => {
    let slot = slots.get(variable.name);
    if (!slot) {
      // Variables outlive tf.tidy; the zeros they are made from do not.
      slot = tf.tidy(() => ({
        m: tf.variable(tf.zerosLike(variable), false),
        v: kind === 'adam' ? tf.variable(tf.zerosLike(variable), false) : undefined,
        t: 0,
      }));
      slots.set(variable.name, slot);
    }
    return slot;
  };
  const opt: Optimizer = {
    kind,
    learningRate,
    prepare(vars) {
      for (const v of vars) slotOf(v);
    },
    apply(vars, grads) {
      tf.tidy(() => {
        for (const variable of vars) {
          let g = grads[variable.name];
          if (!g) continue;
          if (weightDecay > 0) g = g.add(variable.mul(weightDecay));
          const slot = slotOf(variable);
          slot.t += 1;
          if (kind === 'sgd') {
            const m = slot.m.mul(momentum).add(g);
            slot.m.assign(m);
            variable.assign(variable.sub(m.mul(opt.learningRate)));
          } else {
            const m = slot.m.mul(beta1).add(g.mul(1 - beta1));
            const v = slot.v!.mul(beta2).add(g.square().mul(1 - beta2));
            slot.m.assign(m);
            slot.v!.assign(v);
            const mHat = m.div(1 - beta1 ** slot.t),
              vHat = v.div(1 - beta2 ** slot.t);
            variable.assign(variable.sub(mHat.div(vHat.sqrt().add(eps)).mul(opt.learningRate)));
          }
        }
      });
    },
    dispose() {
      for (const s of slots.values()) tf.dispose([s.m, ...(s.v ? [s.v] : [])]);
      slots.clear();
    },
  };
  return opt;
}

/**
 * Scales every gradient by min(1, maxNorm / ‖g‖), ‖g‖ the L2 norm of all of them together
 * (torch.nn.utils.clip_grad_norm_). Call inside a tidy: the scaled tensors are new.
 */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  const names = Object.keys(grads);
  if (names.length === 0) return grads;
  const norm = tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]!)))));
  const scale = tf.minimum(tf.scalar(1), tf.div(tf.scalar(maxNorm), tf.add(norm, 1e-6)));
  return Object.fromEntries(names.map((n) => [n, tf.mul(grads[n]!, scale)]));
}
