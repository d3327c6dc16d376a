/// <reference lib="dom" />
/**
 * What `npm start` serves (vite preview, as these tests run it): a Content-Security-Policy the whole app
 * runs under (every spec here runs under it; this one records violations during a WASM run, whose module
 * compiles under 'wasm-unsafe-eval' and whose threads start from blob: workers that import blob: scripts), nosniff, the packed
 * assets as bytes, and no benchmark page in the build.
 */
import { existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { collectErrors, runTo } from './helpers';

test('served headers: CSP, nosniff, asset types; the bench page is not shipped', async ({ request }) => {
  const page = await request.get('./');
  const csp = page.headers()['content-security-policy'] ?? '';
  for (const part of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(part);
  expect(csp).not.toContain("'unsafe-eval'");
  expect(page.headers()['x-content-type-options']).toBe('nosniff');
  for (const asset of ['cifar10-4000.pack', 'nas-bench-macro.bin']) {
    const r = await request.head(`./${asset}`);
    expect(r.status()).toBe(200);
    expect(r.headers()['content-type']).toBe('application/octet-stream');
    expect(r.headers()['x-content-type-options']).toBe('nosniff');
  }
  expect(existsSync('dist/bench'), 'the benchmark page is built only for npm run bench').toBe(false);
});

test('a WASM run breaks no rule of the policy', async ({ page }) => {
  const errors = collectErrors(page);
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`),
    );
  });
  await runTo(page, 'v=1&seed=51&n=128&val=32&epochs=1&stages=8x1,16x1&space=custom&backend=wasm');
  await expect(page.getByTestId('backend-badge')).toContainText(/wasm/i);
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  expect(errors).toEqual([]);
});
