/**
 * Runs `fn` once the next frame has been painted, and returns what cancels it. For work an edit makes
 * necessary but that need not hold the edit back from the screen (arcs, counts in side panels): run
 * before the paint, it adds its time to every keystroke.
 */
export function afterPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (timer = setTimeout(fn)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
