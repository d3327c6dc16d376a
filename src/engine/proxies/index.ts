/** Zero-cost proxies at init (grad-norm, SNIP, synflow, NASWOT). */
export * from './proxies';
