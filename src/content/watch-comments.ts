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
  const observer = new MutationObserver((records) => {
    // Threadnote's own chips, notes and control come and go inside watched subtrees; reading the
    // page again for them would only lead to more of them.
    if (scheduled || records.every(isThreadnoteWrite)) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      onBatch();
    });
  });
  for (const { node, subtree } of containers) observer.observe(node, { childList: true, subtree });
  return () => observer.disconnect();
}

function isThreadnoteNode(node: Node): boolean {
  return node instanceof Element && node.localName.startsWith('tn-');
}

function isThreadnoteWrite(record: MutationRecord): boolean {
  return (
    Array.from(record.addedNodes).every(isThreadnoteNode) &&
    Array.from(record.removedNodes).every(isThreadnoteNode)
  );
}
