/**
 * The UI script: built as a second self-contained classic script with its own Preact, and
 * injected by the worker (src/background/ui-script.ts) into the isolated world of a content
 * script that asked for it. It reaches the session only through the hook that content script put
 * on the isolated world's global object, which the page's own scripts cannot see; it takes the
 * hook away at once, so a second injection finds none and does nothing.
 */
import { UI_SCRIPT_HOOK } from '../../shared/ui-script';
import { startCommentControl } from '../comment-control';
import { startFirstRunHint } from '../first-run';
import { KeyHelpHost } from '../key-help';
import { NoteEditorHost } from '../note-editing';
import { startTagFilter } from '../tag-filter';
import { startUndo } from '../undo';
import { HiddenBarHost } from '../ui/HiddenBar';
import { Toaster } from '../ui/Toast';
import type { UiHook } from '../context';

const scope = globalThis as { threadnoteUi?: UiHook };
const hook = scope[UI_SCRIPT_HOOK];
delete scope.threadnoteUi;
hook?.({
  startCommentControl,
  startTagFilter,
  startFirstRunHint,
  startUndo,
  NoteEditorHost,
  HiddenBarHost,
  KeyHelpHost,
  Toaster,
});
