import { describe, expect, it } from 'vitest';
import { CUSTOM_SPACE_DEFAULTS, DEFAULT_CONFIG, parseConfig, parseConfigThen } from '.';

describe('a link with flags after it (the CLI): flags that move to another space bring its recipe', () => {
  it('reads as the link with the flags appended (the last value wins), the space rule included', () => {
    const cases: [string, [string, string][]][] = [
      [
        '',
        [
          ['stages', '8x1,16x1'],
          ['n', '64'],
        ],
      ],
      ['v=1&seed=3&lr=0.5', [['stages', '8x1']]],
      ['v=1&ops=conv3,sep3&stages=8x1', [['space', 'nbmacro']]],
      ['v=1&space=custom&epochs=3', [['epochs', '4']]],
      ['v=1&n=900', []],
    ];
    for (const [link, flags] of cases) {
      const appended = [link || 'v=1', ...flags.map(([k, v]) => `${k}=${v}`)].join('&');
      expect(parseConfigThen(link, flags).config, `${link} + ${JSON.stringify(flags)}`).toEqual(parseConfig(appended).config);
    }
  });

  it("--stages without a link runs the custom space on its own recipe, not the benchmark space's", () => {
    const { config } = parseConfigThen('', [['stages', '8x1,16x1']]);
    expect(config.space).toBe('custom');
    expect({ lr: config.lr, opt: config.opt, bnscope: config.bnscope, epochs: config.epochs, n: config.n }).toEqual({
      lr: CUSTOM_SPACE_DEFAULTS.lr,
      opt: CUSTOM_SPACE_DEFAULTS.opt,
      bnscope: CUSTOM_SPACE_DEFAULTS.bnscope,
      epochs: CUSTOM_SPACE_DEFAULTS.epochs,
      n: CUSTOM_SPACE_DEFAULTS.n,
    });
    expect(config.lr).not.toBe(DEFAULT_CONFIG.lr);
  });

  it('keeps what the link sets, and the warnings of link and flags apart', () => {
    const r = parseConfigThen('v=1&lr=0.5&topk=abc', [
      ['stages', '8x1'],
      ['epochs', 'abc'],
    ]);
    expect(r.config.lr).toBe(0.5);
    expect(r.config.opt).toBe(CUSTOM_SPACE_DEFAULTS.opt);
    expect(r.linkWarnings.join(' ')).toMatch(/topk/);
    expect(r.linkWarnings.join(' ')).not.toMatch(/epochs/);
    expect(r.entryWarnings.join(' ')).toMatch(/epochs/);
  });
});
