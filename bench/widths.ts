/** nbmacro widths whose BN-only step the benches time (the width key's sensible values for the browser). */
export const BENCH_WIDTHS = [0.125, 0.25, 0.5];
