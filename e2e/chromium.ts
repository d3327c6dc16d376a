/**
 * Debian's Chromium as the e2e tests and the browser bench launch it (never a downloaded browser):
 * CHROMIUM_PATH overrides the path; without it and without /usr/bin/chromium, Playwright's own browser is used.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // WebGPU exists here only as SwiftShader's software adapter; the flag makes it visible (and no --disable-gpu).
  '--enable-unsafe-webgpu',
];
