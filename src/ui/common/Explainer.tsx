import type { ReactNode } from 'react';

/** The short "what am I looking at" text beside each chart. */
export function Explainer({ children }: { children: ReactNode }) {
  return <p className="explainer">{children}</p>;
}
