/**
 * Places a floating panel next to its anchor with Floating UI (@floating-ui/dom): below it when
 * there is room, above it or shifted sideways near an edge, never past the viewport, and sized
 * down to the room left. `fixed` positioning keeps the panel out of the page's scrollable
 * overflow, so opening it can never give the page a horizontal scrollbar.
 */
import {
  autoUpdate,
  computePosition,
  flip,
  offset,
  shift,
  size,
  type VirtualElement,
} from '@floating-ui/dom';

/** Room kept between the panel and the viewport's edges, in CSS pixels. */
const EDGE = 8;

/**
 * Where `element` is now, as a fixed offset from `frame`'s corner: a panel anchored to it stays
 * put when chips are added beside the element and move it, yet follows the frame as the page
 * scrolls or reflows.
 */
export function pinnedTo(frame: Element, element: Element): VirtualElement {
  const start = element.getBoundingClientRect();
  const origin = frame.getBoundingClientRect();
  const dx = start.x - origin.x;
  const dy = start.y - origin.y;
  return {
    contextElement: frame,
    getBoundingClientRect() {
      const now = frame.getBoundingClientRect();
      return new DOMRect(now.x + dx, now.y + dy, start.width, start.height);
    },
  };
}

/** Follows the anchor (scroll, resize, layout changes) until the returned function is called. */
export function floatNear(anchor: Element | VirtualElement, panel: HTMLElement): () => void {
  const place = (): void => {
    void computePosition(anchor, panel, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(4),
        flip({ padding: EDGE, fallbackPlacements: ['top-start', 'bottom-end', 'top-end'] }),
        shift({ padding: EDGE }),
        size({
          padding: EDGE,
          apply({ availableHeight, elements }) {
            // Never shorter than a few rows: past that, flip and shift have found the best side.
            elements.floating.style.maxHeight = `${Math.max(160, Math.floor(availableHeight))}px`;
          },
        }),
      ],
    }).then(({ x, y }) => {
      panel.style.left = `${x}px`;
      panel.style.top = `${y}px`;
    });
  };
  return autoUpdate(anchor, panel, place);
}
