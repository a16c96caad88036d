/**
 * The Threadnote control on the page. It is not put into every comment up front: one delegated
 * listener moves a trigger into the header of the comment under the pointer or focus. Opening it
 * moves the trigger and its panel into a second host that stays on that comment, so other
 * comments still show their trigger on hover; one panel is open at a time. Both hosts take no room
 * in the header (besideItemBefore): showing them never moves the forum's own text.
 */
import type { SessionContext } from './context';
import { afterHiding } from './moves';
import { ShadowUi, shadowOf } from './shadow';
import { trusted } from './trusted';
import { ControlPanel } from './ui/ControlPanel';
import { controlCss, popoverCss } from './ui/styles';

/**
 * The host takes no room in the header. In a header of inline text (HN, Lobsters, Reddit) it is
 * placed absolutely (popoverCss) and, without offsets, shows where the text flow would put it:
 * after the item before it. In a flex header (Discourse's) that spot is the header's start, over
 * the author's name: there it joins the flow instead, zero wide, so it follows the item before it
 * as that item grows (a chip added from the panel, a stub's count) and moves none of the forum's
 * own items. No forum has a grid header; one would need a placement of its own.
 */
function besideItemBefore(host: HTMLElement, header: HTMLElement): void {
  for (const property of ['position', 'width', 'flex']) host.style.removeProperty(property);
  if (getComputedStyle(header).display.includes('flex')) {
    Object.assign(host.style, { position: 'relative', width: '0', flex: 'none' });
  }
}

export function startCommentControl(
  { annotator, navigator, commands }: SessionContext,
  signal: AbortSignal,
): void {
  const { model } = annotator;
  const css = controlCss + popoverCss;
  // The trigger that follows the pointer, and the trigger with its open panel.
  const hover = new ShadowUi('tn-control', css);
  const active = new ShadowUi('tn-control', css);
  let hoverKey: string | null = null;
  let openKey: string | null = null;
  let seen: IntersectionObserver | null = null;

  const render = (ui: ShadowUi, key: string, open: boolean): void => {
    const comment = model.comment(key);
    if (!comment) {
      ui.remove();
      return;
    }
    ui.render(
      <ControlPanel
        target={{
          key,
          author: comment.author,
          replies: model.replyCount(key),
          annotation: model.annotation(key),
          user: model.user(comment.author),
        }}
        knownTags={model.knownTags()}
        quickTags={model.quickTags()}
        open={open}
        frame={ui.host.parentElement}
        onOpenChange={(next) => (next ? openOn(key) : close('focus'))}
        onEdit={async (ops) => {
          await (await annotator.edits()).edit(key, ops);
          if (ops.some((op) => op.op === 'fold.set' && op.fold === 'hidden')) {
            afterHiding({ annotator, navigator }, key);
          }
        }}
        onOpenNote={(kind) => {
          close('keep');
          void annotator.openNoteEditor(key, kind);
        }}
        onUserEdit={async (ops) => {
          if (comment.author) await (await annotator.edits()).editUser(comment.author, ops);
        }}
      />,
    );
    // At the end of a long header on a narrow screen the trigger would stick out past the
    // viewport and widen the page: it moves back left, over the header, instead.
    ui.host.style.removeProperty('margin-left');
    // The trigger, not the host: in a flex header the host is zero wide (besideItemBefore).
    const trigger = shadowOf(ui.host).querySelector('.trigger') ?? ui.host;
    const overflow = trigger.getBoundingClientRect().right - document.documentElement.clientWidth;
    if (overflow > 0) ui.host.style.marginLeft = `${-Math.ceil(overflow) - 4}px`;
  };

  const drawHover = (): void => {
    if (hoverKey && hoverKey !== openKey && hover.host.isConnected) render(hover, hoverKey, false);
  };
  const drawActive = (): void => {
    if (openKey && active.host.isConnected) render(active, openKey, true);
  };

  /**
   * Closes the panel. `focus` puts the focus back on its comment (Escape, the trigger); `page`
   * does so only when the click that closed it left the focus nowhere; `keep` leaves it be.
   */
  const close = (focus: 'focus' | 'page' | 'keep'): void => {
    const key = openKey;
    if (key === null) return;
    openKey = null;
    seen?.disconnect();
    seen = null;
    active.remove();
    const comment = model.comment(key);
    if (!comment) return;
    // Unless the pointer moved on to another comment, it is on this one: its trigger shows again.
    if (hoverKey === null && place(hover, key)) {
      hoverKey = key;
      drawHover();
    }
    if (focus === 'focus') navigator.focus(comment);
    else if (focus === 'page') {
      setTimeout(() => {
        if (document.activeElement === document.body) navigator.focus(comment, false);
      }, 0);
    }
  };

  const place = (ui: ShadowUi, key: string): boolean => {
    const comment = model.comment(key);
    const header = comment?.header();
    if (!comment || !header) return false;
    // After the chips, before what stays last in the header.
    if (ui.host.parentElement !== header) header.insertBefore(ui.host, comment.headerTail());
    besideItemBefore(ui.host, header);
    return true;
  };

  const openOn = (key: string): void => {
    if (openKey !== null) close('keep');
    const comment = model.comment(key);
    if (!comment || !place(active, key)) return;
    openKey = key;
    if (hoverKey === key) {
      hover.remove();
      hoverKey = null;
    }
    drawActive();
    // A panel whose comment scrolled out of sight has nothing left to act on.
    seen = new IntersectionObserver((entries) => {
      if (entries.some((entry) => !entry.isIntersecting)) close('keep');
    });
    seen.observe(comment.element);
  };

  const follow = trusted((event: Event): void => {
    if (!(event.target instanceof Element)) return;
    // A comment the forum took off the page (or rendered again) took the panel with it.
    if (openKey !== null && !active.host.isConnected) close('keep');
    const target = event.target.closest('[data-tn-comment]')?.getAttribute('data-tn-comment');
    if (!target || target === openKey) return;
    if (target === hoverKey && hover.host.isConnected) return;
    if (!place(hover, target)) return;
    hoverKey = target;
    drawHover();
  });

  const outside = trusted((event: PointerEvent): void => {
    if (openKey === null) return;
    // The path stops at a closed root's host: a click in the panel ends at `active.host`.
    if (event.composedPath().includes(active.host)) return;
    close('page');
  });

  const escape = trusted((event: KeyboardEvent): void => {
    if (openKey === null || event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    close('focus');
  });

  // mousemove, not mouseover: a comment the forum inserts under a resting pointer (Reddit's
  // "load more comments") gets no mouseover until the pointer leaves the element it is on.
  document.addEventListener('mousemove', follow, { passive: true, signal });
  document.addEventListener('focusin', follow, { signal });
  document.addEventListener('pointerdown', outside, { capture: true, signal });
  document.addEventListener('keydown', escape, { signal });
  annotator.onChange((changed) => {
    if (changed === null || changed === hoverKey) drawHover();
    if (changed === null || changed === openKey) drawActive();
  }, signal);
  // Opens the panel on a comment, as the keyboard's `t` does.
  commands.openPanel = openOn;
  signal.addEventListener('abort', () => {
    seen?.disconnect();
    hover.remove();
    active.remove();
    hoverKey = null;
    openKey = null;
  });
}
