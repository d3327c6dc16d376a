import { useCallback, useState } from 'react';

/**
 * Error boundaries catch what a panel throws while React renders it, not what it throws later in an
 * animation frame or a timer (a canvas draw). This hands such an error back to React on the next
 * render, so the panel's boundary shows it instead of an uncaught error and a silently blank panel.
 */
export function useThrowToBoundary(): (error: unknown) => void {
  const [, set] = useState(0);
  return useCallback((error: unknown) => {
    set(() => {
      throw error instanceof Error ? error : new Error(String(error));
    });
  }, []);
}
