import type { Tag } from '../../shared/model';

export interface CommentChipsProps {
  tags: Tag[];
  userTags: Tag[];
  /** Set while the comment is collapsed: what is folded away, and how to bring it back. */
  collapsed: { replies: string; onExpand: () => void } | null;
  onRemoveTag: (name: string) => void;
}

export function CommentChips({ tags, userTags, collapsed, onRemoveTag }: CommentChipsProps) {
  return (
    <>
      {userTags.map((tag) => (
        <span
          key={`user:${tag.name}`}
          class="chip user-chip"
          style={{ background: tag.color }}
          title={`User tag: ${tag.name}`}
        >
          {tag.name}
        </span>
      ))}
      {tags.map((tag) => (
        <span key={tag.name} class="chip" style={{ background: tag.color }} title={tag.description}>
          {tag.name}
          <button
            type="button"
            class="remove"
            aria-label={`Remove tag ${tag.name}`}
            onClick={() => onRemoveTag(tag.name)}
          >
            ×
          </button>
        </span>
      ))}
      {collapsed && (
        <span class="stub">
          [collapsed: {collapsed.replies}] ·{' '}
          <button type="button" onClick={collapsed.onExpand}>
            expand
          </button>
        </span>
      )}
    </>
  );
}
