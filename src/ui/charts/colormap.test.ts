import { describe, expect, it } from 'vitest';
import { textOn, viridis } from './colormap';

const rgb = (t: number) => viridis(t).match(/\d+/g)!.map(Number);

describe('viridis', () => {
  it("has matplotlib's published end colours (#440154, #fde725) and clamps outside 0..1", () => {
    expect(viridis(0)).toBe('rgb(68, 1, 84)');
    expect(viridis(1)).toBe('rgb(253, 231, 37)');
    expect(viridis(-3)).toBe(viridis(0));
    expect(viridis(Number.NaN)).toBe(viridis(0));
    expect(viridis(7)).toBe(viridis(1));
  });

  it('grows lighter at every step (Rec. 709 luma) and passes the quartiles #3b528b, #21918c, #5ec962', () => {
    const luma = Array.from({ length: 101 }, (_, i) => {
      const [r, g, b] = rgb(i / 100);
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    });
    for (let i = 1; i < luma.length; i++) expect(luma[i]!).toBeGreaterThan(luma[i - 1]!);
    expect([0.25, 0.5, 0.75].map(viridis)).toEqual(['rgb(59, 82, 139)', 'rgb(33, 145, 140)', 'rgb(94, 201, 98)']);
  });

  it('puts white text on the dark end and black on the light end', () => {
    expect(textOn(0)).toBe('#fff');
    expect(textOn(1)).toBe('#111');
  });
});
