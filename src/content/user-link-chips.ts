/**
 * User tags and notes next to links to users outside comments (a story's submitter), drawn with
 * the same chips as in comment headers.
 */
import type { Tag, UserAnnotation } from '../shared/model';
import type { UserLink } from '../sites/types';
import { createShadowHost, shadowOf } from './shadow-roots';
import { renderCommentChips } from './ui/comment-chips';
import { chipsCss } from './ui/styles';

export class UserLinkChips {
  private readonly hosts = new Map<Element, HTMLElement>();

  /** Draws each link's chips from its user's annotation, and takes away those of the unannotated. */
  draw(
    links: readonly UserLink[],
    userOf: (name: string) => UserAnnotation | null,
    tagFor: (name: string) => Tag,
    onTagClick: (name: string) => void,
  ): void {
    for (const link of links) {
      const user = userOf(link.name);
      let host = this.hosts.get(link.element);
      if (!user) {
        host?.remove();
        this.hosts.delete(link.element);
        continue;
      }
      if (!host) {
        host = createShadowHost('tn-user-chips', chipsCss);
        this.hosts.set(link.element, host);
        link.element.after(host);
      }
      renderCommentChips(shadowOf(host), {
        tags: [],
        userTags: user.tags.map(tagFor),
        userNote: user.note,
        // Kept versions are shown with the author's comments, where the note editor opens.
        userVersions: 0,
        onUserVersions: () => undefined,
        collapsed: null,
        onRemoveTag: () => undefined,
        onTagClick,
      });
    }
  }
}
