/**
 * Work an edit makes necessary but that need not hold the edit back from the screen: run before the
 * paint, it adds its time to every keystroke.
 */

/** Runs `fn` once the next frame has been painted (arcs over the text); returns what cancels it. */
export function afterPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (timer = setTimeout(fn)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * Runs `fn` when the browser has nothing more urgent to do, within half a second (counts in side
 * panels); after the next paint where idle callbacks are missing (jsdom, Safari). Returns what cancels it.
 */
export function whenIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback !== 'function') return afterPaint(fn);
  const id = requestIdleCallback(fn, { timeout: 500 });
  return () => cancelIdleCallback(id);
}
