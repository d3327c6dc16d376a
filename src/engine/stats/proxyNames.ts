/** Names of the cheap proxies the leaderboard compares (tfjs-free, so the page can import them). */
export const PROXY_NAMES = ['params', 'flops', 'gradNorm', 'snip', 'synflow', 'naswot'] as const;
export type ProxyName = (typeof PROXY_NAMES)[number];
export type ProxyScores = Record<ProxyName, number>;
