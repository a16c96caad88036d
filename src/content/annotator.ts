/**
 * Keeps the page in step with what Threadnote knows: reads the page into the model, asks the
 * worker, and draws decorations and folds; takes in every change (the reader's edits answered,
 * another tab's pushed) by storing it in the model, then showing it. Making edits is the UI
 * script's part (page-edits.ts, the outbox, the note editor): a page load only reads and shows,
 * and the first edit waits for that script if the browser was not idle long enough to load it.
 */
import type { Tag } from '../shared/model';
import type { SiteAdapter, SiteComment } from '../sites/types';
import type { ContentConnector } from './connector';
import { Decorations, flash } from './decorations';
import { FoldView } from './fold-view';
import type { EditAnswers } from './edits';
import type { NoteEditorHost } from './note-editing';
import type { PageEdits } from './page-edits';
import { PageModel, type CommentChange, type UserChange } from './page-model';
import { timed } from './timing';
import { watchComments } from './watch-comments';

/** What the annotator takes from the UI script (lazy/ui.ts) once it is loaded. */
export interface AnnotatorUi {
  readonly NoteEditorHost: typeof NoteEditorHost;
  /** The edits of one page, through the document's one outbox and toast. */
  editsFor(model: PageModel, worker: ContentConnector, answers: EditAnswers): PageEdits;
}

export class Annotator {
  readonly model: PageModel;
  private pageEdits: Promise<PageEdits> | null = null;
  private readonly folds: FoldView;
  private readonly decorations: Decorations;
  /** Made once the UI script is loaded, at the first note the reader opens. */
  private editor: NoteEditorHost | null = null;
  private ready = false;
  private stopped = false;
  private stopWatching: () => void = () => undefined;
  private readonly listeners = new Set<(key: string | null) => void>();
  private readonly shownListeners = new Set<(comments: readonly SiteComment[]) => void>();

  constructor(
    readonly adapter: SiteAdapter,
    private readonly doc: Document,
    private readonly url: URL,
    private readonly worker: ContentConnector,
    /** Loads the UI script, once for the document (lazy/load.ts). */
    private readonly ui: () => Promise<AnnotatorUi>,
  ) {
    const model = new PageModel(adapter, url, worker);
    this.model = model;
    this.folds = new FoldView(
      model,
      {
        drawShown: (comment) => this.decorations.draw(comment),
        foldFromSite: (key, folded) =>
          this.editing((edits) =>
            folded ? edits.edit(key, [{ op: 'fold.set', fold: 'collapsed' }]) : edits.unfold([key]),
          ),
      },
      doc,
    );
    this.decorations = new Decorations(model, this.folds, {
      expand: (key) => this.editing((edits) => edits.unfold([key])),
      removeTag: (key, name) =>
        this.editing((edits) => edits.edit(key, [{ op: 'tag.remove', tag: name }])),
      tagClicked: (name) => this.onTagClick(name),
      editNote: (key, kind) => this.editing(() => this.openNoteEditor(key, kind)),
    });
  }

  /** The page's edits, once the UI script is loaded; a load that failed is tried again next time. */
  edits(): Promise<PageEdits> {
    this.pageEdits ??= this.ui().then(
      (ui) => ui.editsFor(this.model, this.worker, this),
      (error: unknown) => {
        this.pageEdits = null;
        throw error;
      },
    );
    return this.pageEdits;
  }

  /**
   * Runs what the reader asked for (a click, a key) with the page's edits; a failure shows in the
   * page's toast, or in the console when the UI script, which draws the toast, could not load.
   */
  editing(action: (edits: PageEdits) => Promise<unknown>): void {
    this.edits()
      .then(action)
      .catch((error: unknown) => this.report(error));
  }

  /** Shows the reader a failure of what they asked for, as `editing` does. */
  report(error: unknown): void {
    this.edits().then(
      (edits) => edits.report(error),
      (failed: unknown) => console.warn('Threadnote could not load its controls:', failed, error),
    );
  }

  /** Called with a tag's name when the reader clicks it on a chip. */
  onTagClick: (name: string) => void = () => undefined;

  async start(): Promise<void> {
    const { model, decorations } = this;
    timed('read', () => {
      this.readPage();
      model.userLinks = this.adapter.userLinks(this.doc);
    });
    // Watch before waiting for the worker: comments added meanwhile must not be missed.
    this.stopWatching = watchComments(this.adapter.commentContainers(this.doc), () => {
      this.rescan().catch((error: unknown) => console.warn('Threadnote:', error));
    });
    await model.open();
    this.ready = true;
    await model.fetchMissing(model.comments());
    if (this.stopped) return;
    timed('apply', () => {
      this.showAll(model.comments());
      decorations.drawUserLinks();
    });
    // The comments are still held back: they show with the chips in sight already drawn.
    await decorations.inSightDrawn(this.doc);
  }

  /** The forum moved to another page in place: stop reading and changing this one. */
  stop(): void {
    this.stopped = true;
    this.stopWatching();
    this.decorations.stop();
    this.folds.stop();
    this.editor?.close();
  }

  /**
   * Called with a comment key when that comment's annotation changes, null when many may have,
   * until the feature that listens stops.
   */
  onChange(listener: (key: string | null) => void, signal: AbortSignal): void {
    this.listeners.add(listener);
    signal.addEventListener('abort', () => this.listeners.delete(listener));
  }

  private emit(key: string | null): void {
    for (const listener of this.listeners) listener(key);
  }

  /**
   * Called after each pass that shows the page's folds and decorations, with the comments it
   * drew (none when only folds changed), until the feature that listens stops.
   */
  onShown(listener: (comments: readonly SiteComment[]) => void, signal: AbortSignal): void {
    this.shownListeners.add(listener);
    signal.addEventListener('abort', () => this.shownListeners.delete(listener));
  }

  private tellShown(comments: readonly SiteComment[]): void {
    for (const listener of this.shownListeners) listener(comments);
  }

  /** Only folds changed: nothing new to draw. */
  private showFolds(): void {
    this.folds.show();
    this.tellShown([]);
  }

  /** Reads the page into the model; undecorates what left, marks what came. */
  private readPage(): SiteComment[] {
    const { added, gone } = this.model.read(this.adapter.parsePage(this.doc, this.url));
    for (const comment of gone) this.decorations.undecorate(comment);
    this.decorations.mark(added);
    return added;
  }

  /** Folds first: what they put out of sight is only marked now, and drawn when it shows. */
  private showAll(comments: readonly SiteComment[]): void {
    this.folds.show();
    this.decorations.drawAll(comments);
    this.tellShown(comments);
  }

  private async rescan(): Promise<void> {
    const added = timed('rescan', () => this.readPage());
    // Until the stored state arrives, start() renders whatever the page holds by then.
    if (!this.ready || this.stopped) return;
    if (added.length === 0) {
      this.showFolds();
      return;
    }
    await this.model.fetchMissing(added);
    if (this.stopped) return;
    timed('apply', () => {
      // A later read may have replaced some of these elements while the worker was answering.
      const comments = this.model.byKey();
      this.showAll(added.filter(({ key, element }) => comments.get(key)?.element === element));
    });
  }

  /**
   * Reads everything again after a change that rewrote records across the store (a tag renamed,
   * merged or deleted, quick tags changed, records imported or wiped), and shows the page as it is
   * now stored.
   */
  async reload(): Promise<void> {
    const { model, decorations } = this;
    const shown = new Set([...model.annotatedKeys(), ...decorations.drawnKeys()]);
    model.forgetStored();
    await model.fetch(null);
    for (const key of model.annotatedKeys()) shown.add(key);
    const comments = model.byKey();
    for (const key of shown) {
      const comment = comments.get(key);
      if (comment) decorations.draw(comment);
    }
    this.showAll(model.comments());
    decorations.drawUserLinks();
    this.emit(null);
  }

  /** Annotations changed here or elsewhere (another tab, the popup): store and show them. */
  updateComments(changes: readonly CommentChange[]): void {
    const foldsChanged = this.model.storeComments(changes);
    const comments = this.model.byKey();
    for (const { key } of changes) {
      const comment = comments.get(key);
      if (comment) this.decorations.draw(comment);
    }
    if (foldsChanged) this.showFolds();
    this.emit(changes.length === 1 ? (changes[0]?.key ?? null) : null);
  }

  /** A user's annotation changed: every comment by them, and every link to them, shows it. */
  updateUsers(changes: readonly UserChange[]): void {
    this.model.storeUsers(changes);
    const keys = new Set(changes.map(({ key }) => key));
    for (const comment of this.model.comments()) {
      if (comment.author && keys.has(this.model.userKey(comment.author))) {
        this.decorations.draw(comment);
      }
    }
    this.decorations.drawUserLinks();
    this.emit(null);
  }

  /** Tags were created or changed: their chips show the new colours. */
  updateTags(tags: readonly Tag[]): void {
    if (tags.length === 0) return;
    this.model.storeTags(tags);
    const comments = this.model.byKey();
    for (const key of this.decorations.drawnKeys()) {
      const comment = comments.get(key);
      if (comment) this.decorations.draw(comment);
    }
    this.decorations.drawUserLinks();
    this.emit(null);
  }

  /**
   * Brings a comment into view: unfolds the Threadnote folds above it (and its own hide), then
   * focuses and flashes it. Returns false when the comment is not on this page.
   */
  async reveal(key: string, focus: (comment: SiteComment) => void): Promise<boolean> {
    const { model } = this;
    const comments = model.byKey();
    const comment = comments.get(key);
    if (!comment) return false;
    const unfold: string[] = [];
    if (model.foldOf(key) === 'hidden') unfold.push(key);
    for (let parent = comment.parentKey; parent; parent = comments.get(parent)?.parentKey ?? null) {
      if (model.foldOf(parent) !== 'none') unfold.push(parent);
    }
    if (unfold.length > 0) await (await this.edits()).unfold(unfold);
    focus(comment);
    flash(comment);
    return true;
  }

  /** Opens the inline note editor for a comment's note or its author's, once the UI is loaded. */
  async openNoteEditor(key: string, kind: 'comment' | 'user'): Promise<void> {
    const [{ NoteEditorHost: Editor }, edits] = await Promise.all([this.ui(), this.edits()]);
    if (this.stopped) return;
    this.editor ??= new Editor(this.model, edits, this.worker, (noted) =>
      this.decorations.noteHost(noted),
    );
    await this.editor.open(key, kind);
  }
}
