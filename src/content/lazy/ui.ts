/**
 * The UI script: built as a second self-contained classic script with its own Preact, and
 * injected by the worker (src/background/ui-script.ts) into the isolated world of a content
 * script that asked for it. It reaches the session only through the hook that content script put
 * on the isolated world's global object, which the page's own scripts cannot see; it takes the
 * hook away at once, so a second injection finds none and does nothing.
 */
import { UI_SCRIPT_HOOK } from '../../shared/ui-script';
import type { ContentConnector } from '../connector';
import { startCommentControl } from '../comment-control';
import type { EditAnswers } from '../edits';
import { startHiddenBar } from '../hidden-bar';
import { startFirstRunHint } from '../first-run';
import { startKeyboard } from '../keyboard';
import { moveToNew } from '../moves';
import { NoteEditorHost } from '../note-editing';
import { pageSaving, type PageSaving } from '../outbox';
import { PageEdits } from '../page-edits';
import type { PageModel } from '../page-model';
import { startTagFilter } from '../tag-filter';
import { startUndo } from '../undo';
import { Toaster } from '../ui/Toast';
import type { UiHook } from '../context';

/**
 * One outbox and toast for the document, as this script runs once per document: edits still
 * waiting go on when the forum moves to another page in place.
 */
let saving: PageSaving | null = null;

function editsFor(model: PageModel, worker: ContentConnector, answers: EditAnswers): PageEdits {
  saving ??= pageSaving(new Toaster());
  return new PageEdits(model, worker, saving, answers);
}

const scope = globalThis as { threadnoteUi?: UiHook };
const hook = scope[UI_SCRIPT_HOOK];
delete scope.threadnoteUi;
hook?.({
  startCommentControl,
  startTagFilter,
  startFirstRunHint,
  startUndo,
  startHiddenBar,
  NoteEditorHost,
  editsFor,
  startKeyboard,
  moveToNew,
});
