/**
 * One MutationObserver for the comment containers the adapter names. Its callback only schedules:
 * the page is read again once per animation frame, however many mutations arrived.
 */
export function watchComments(
  containers: readonly { node: Node; subtree: boolean }[],
  onBatch: () => void,
): () => void {
  if (containers.length === 0) return () => {};
  let scheduled = false;
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      onBatch();
    });
  });
  for (const { node, subtree } of containers) observer.observe(node, { childList: true, subtree });
  return () => observer.disconnect();
}
