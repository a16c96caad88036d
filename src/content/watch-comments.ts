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
    // Threadnote's own chips, notes and control come and go inside watched subtrees, and forums
    // rewrite text in place (Hacker News's [–] becoming [+12]): neither can add or remove a
    // comment, and reading 3,000 comments again for them would cost more than the change itself.
    if (scheduled || records.every(cannotMoveComments)) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      onBatch();
    });
  });
  for (const { node, subtree } of containers) observer.observe(node, { childList: true, subtree });
  return () => observer.disconnect();
}

/** Text, or one of Threadnote's own elements: never a comment, nor a box holding one. */
function isNeverComment(node: Node): boolean {
  return node.nodeType !== Node.ELEMENT_NODE || (node as Element).localName.startsWith('tn-');
}

function cannotMoveComments(record: MutationRecord): boolean {
  return (
    Array.from(record.addedNodes).every(isNeverComment) &&
    Array.from(record.removedNodes).every(isNeverComment)
  );
}
