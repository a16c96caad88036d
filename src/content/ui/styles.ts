/** Shared look of the injected UI: small, quiet, readable on HN's beige and on dark themes. */
export const baseCss = `
:host { all: initial; font: 12px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; }
button { font: inherit; cursor: pointer; }
.chip {
  display: inline-flex; align-items: center; gap: 2px; margin: 0 2px; padding: 0 6px;
  border-radius: 8px; color: #fff; font-size: 11px; line-height: 16px; border: 0;
}
.chip .name { background: none; border: 0; color: inherit; padding: 0; font: inherit; cursor: pointer; }
.chip .remove { background: none; border: 0; color: inherit; padding: 0 0 0 2px; opacity: .8; }
.chip .remove:hover, .chip .remove:focus-visible { opacity: 1; }
.user-chip { outline: 1px dashed currentColor; outline-offset: -1px; }
`;

export const chipsCss = `${baseCss}
:host { display: inline; margin-left: 4px; }
.stub { color: #828282; font-size: 11px; margin-left: 4px; }
.user-note { position: relative; color: #6b4b00; font-size: 11px; margin-left: 4px; cursor: help; unicode-bidi: isolate; }
.user-note .full {
  display: none; position: absolute; z-index: 2147483000; left: 0; top: 16px; width: max-content; max-width: 28em;
  white-space: pre-wrap; background: #fff8db; border: 1px solid #f08c00; border-radius: 4px; padding: 4px 6px; color: #3b2f00;
}
.user-note:hover .full, .user-note:focus .full { display: block; }
.user-note:focus-visible { outline: 2px solid #1864ab; outline-offset: 1px; }
.kept { background: none; border: 0; padding: 0; margin-left: 4px; color: #8f5a00; text-decoration: underline; font-size: 11px; }
.stub button { background: none; border: 0; padding: 0; color: #1864ab; text-decoration: underline; font-size: 11px; }
`;

export const noteCss = `${baseCss}
:host { display: block; margin: 6px 0 2px; }
.note {
  white-space: pre-wrap; overflow-wrap: anywhere; max-width: 60em; padding: 4px 8px;
  background: #fff8db; border-left: 3px solid #f08c00; color: #3b2f00; font-size: 12px;
  unicode-bidi: isolate;
}
.note a { color: #1864ab; }
.note .edit, .note .kept { margin-left: 8px; background: none; border: 0; padding: 0; color: #8f5a00; text-decoration: underline; font-size: 11px; }
`;

export const controlCss = `${baseCss}
:host { display: inline-block; position: relative; margin-left: 6px; vertical-align: baseline; }
.trigger {
  border: 1px solid #c8c8b4; background: #fff; color: #6b4b00; border-radius: 4px;
  padding: 0 6px; font-size: 11px; line-height: 16px;
}
.trigger:focus-visible, .panel :focus-visible { outline: 2px solid #1864ab; outline-offset: 1px; }
.panel {
  position: absolute; z-index: 2147483000; top: 22px; left: 0; width: 320px; box-sizing: border-box;
  background: #fff; color: #222; border: 1px solid #bbb; border-radius: 6px; padding: 10px;
  box-shadow: 0 4px 16px rgba(0,0,0,.18);
}
.panel h2 { font-size: 12px; margin: 0 0 8px; font-weight: 600; }
.panel section { margin-bottom: 10px; }
.panel label { display: block; font-weight: 600; margin-bottom: 4px; }
.panel input, .panel textarea {
  box-sizing: border-box; width: 100%; font: inherit; padding: 4px; border: 1px solid #aaa; border-radius: 4px;
}
.panel textarea { min-height: 64px; resize: vertical; }
.row { display: flex; gap: 6px; align-items: center; margin-top: 6px; flex-wrap: wrap; }
.action { border: 1px solid #aaa; background: #f4f4f4; border-radius: 4px; padding: 2px 8px; }
.action.primary { background: #1864ab; border-color: #1864ab; color: #fff; }
.options { list-style: none; margin: 4px 0 0; padding: 2px; border: 1px solid #ddd; border-radius: 4px; max-height: 160px; overflow: auto; }
.option { display: flex; align-items: center; gap: 6px; padding: 2px 6px; border-radius: 3px; cursor: pointer; }
.option.active, .option:hover { background: #e7f0fb; }
.option[aria-selected="true"] { font-weight: 600; }
.swatch { width: 10px; height: 10px; border-radius: 2px; flex: none; }
.check { color: #2b8a3e; }
.hint { margin: -4px 0 10px; font-size: 11px; }
.error { color: #c92a2a; margin-top: 4px; }
.status { color: #2b8a3e; }
.muted { color: #666; }
`;

export const hiddenBarCss = `${baseCss}
:host { display: block; margin: 6px 0 10px; }
.bar {
  display: flex; align-items: flex-start; gap: 8px; padding: 6px 10px; border-radius: 6px;
  background: #fff4e6; border: 1px solid #ffc078; color: #5c3b00;
}
.list { flex: 1; }
.fresh { color: #c92a2a; }
ul { list-style: none; margin: 6px 0 0; padding: 0; }
li { display: flex; gap: 8px; align-items: baseline; padding: 2px 0; }
.who { font-weight: 600; }
.what { color: #7a5a1c; white-space: nowrap; }
.excerpt { flex: 1; color: #555; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
button {
  border: 1px solid #e8590c; background: #fff; color: #b3450a; border-radius: 4px;
  padding: 0 8px; font-size: 11px; line-height: 18px;
}
button.toggle {
  border: 0; background: none; color: inherit; padding: 0; font-size: inherit; line-height: inherit;
  text-align: start;
}
button.toggle::before { content: "\\25B8\\00A0"; }
button.toggle[aria-expanded="true"]::before { content: "\\25BE\\00A0"; }
button:focus-visible { outline: 2px solid #1864ab; outline-offset: 1px; }
`;

export const filterBarCss = `${baseCss}
:host { display: block; position: sticky; top: 0; z-index: 2147482000; margin: 6px 0; }
.bar {
  display: flex; align-items: center; gap: 8px; padding: 6px 10px; border-radius: 6px;
  background: #e7f5ff; border: 1px solid #74c0fc; color: #0b3d66;
}
.count { flex: 1; }
button {
  border: 1px solid #1864ab; background: #fff; color: #1864ab; border-radius: 4px;
  padding: 0 8px; font-size: 11px; line-height: 18px;
}
button:disabled { opacity: .5; cursor: default; }
button:focus-visible { outline: 2px solid #1864ab; outline-offset: 1px; }
`;

export const editorCss = `${baseCss}
:host { display: block; margin: 6px 0 4px; max-width: 60em; }
.editor { background: #fff; border: 1px solid #f08c00; border-radius: 6px; padding: 8px; }
label { display: block; font-weight: 600; margin-bottom: 4px; }
textarea {
  box-sizing: border-box; width: 100%; min-height: 3.5em; resize: none; overflow: hidden;
  font: inherit; padding: 4px; border: 1px solid #aaa; border-radius: 4px; unicode-bidi: plaintext;
}
textarea:focus-visible, button:focus-visible { outline: 2px solid #1864ab; outline-offset: 1px; }
.row { display: flex; gap: 6px; align-items: center; margin-top: 6px; flex-wrap: wrap; }
.action { border: 1px solid #aaa; background: #f4f4f4; border-radius: 4px; padding: 2px 8px; }
.action.primary { background: #1864ab; border-color: #1864ab; color: #fff; }
.offer, .confirm { background: #fff4e6; border-radius: 4px; padding: 4px 6px; margin-bottom: 6px; }
.confirm { margin: 6px 0 0; }
.versions { margin: 6px 0 0; padding: 4px 6px; background: #f8f9fa; border-radius: 4px; }
.versions p { margin: 0 0 4px; }
.versions ul { list-style: none; margin: 0; padding: 0; }
.versions li { padding: 2px 0; }
.versions .excerpt { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: isolate; }
.error { color: #c92a2a; margin: 4px 0 0; }
.muted { color: #666; }
`;

export const toastCss = `${baseCss}
/* Within a 360 px wide window too: never wider than the viewport less its margins. */
:host { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; max-width: min(28em, calc(100vw - 32px)); }
.toast {
  display: flex; gap: 8px; align-items: baseline; padding: 6px 10px; border-radius: 6px;
  box-shadow: 0 2px 10px rgba(0,0,0,.2); background: #fff4e6; border: 1px solid #ffc078; color: #5c3b00;
}
.toast.done { background: #ebfbee; border-color: #8ce99a; color: #1b5e20; }
.toast.error { background: #fff5f5; border-color: #ffa8a8; color: #8a1c1c; }
.text { flex: 1; overflow-wrap: anywhere; }
button { background: none; border: 0; padding: 0; color: inherit; text-decoration: underline; font-size: 11px; }
button:focus-visible { outline: 2px solid #1864ab; outline-offset: 1px; }
`;

/**
 * The control as a popover (comment-control.tsx), kept apart from controlCss, which it overrides.
 * The host is absolutely positioned without offsets: it shows where it would sit in the header
 * but takes no room there, so the trigger never pushes the forum's text. The panel is `fixed` and
 * placed by Floating UI (popover.ts), so it never widens the page. Colours come from the forum's
 * tokens where a site sets them.
 */
export const popoverCss = `
:host { position: absolute; margin-left: 6px; z-index: 2147482500; }
.trigger {
  background: var(--tn-bg, #fff); color: var(--tn-accent, #6b4b00);
  border-color: var(--tn-border, #c8c8b4); padding: 0 5px; font-size: 11px; line-height: 14px;
  white-space: nowrap;
}
.panel {
  position: fixed; top: 0; left: 0; overflow: auto;
  width: min(320px, calc(100vw - 16px));
  background: var(--tn-bg, #fff); color: var(--tn-fg, #222);
  border-color: var(--tn-border, #bbb);
}
.panel .muted, .panel .hint { color: var(--tn-muted, #595959); }
.message { min-height: 1.4em; margin-top: 4px; transition: opacity .6s; }
.message:empty { opacity: 0; }
.message.pending { color: var(--tn-muted, #595959); }
.message.done { color: #1f6f32; }
.check { color: #1f6f32; }
.message.error { color: #c92a2a; }
.option[aria-selected="true"] { font-weight: normal; }
.option.active { background: var(--tn-highlight, #e7f0fb); color: var(--tn-fg, #222); }
.option.applied { font-weight: 600; }
.option.create { font-style: italic; }
.chips { margin-top: 6px; }
.combo { position: relative; }
.combo .options {
  position: absolute; top: 100%; left: 0; right: 0; z-index: 1; margin-top: 2px;
  background: var(--tn-bg, #fff); box-shadow: 0 4px 12px rgba(0,0,0,.15);
}
/* A chip's remove button shows on hover or focus only: one stray click removes nothing unseen. */
.chip .remove { opacity: 0; }
.chip:hover .remove, .chip:focus-within .remove { opacity: 1; }
`;

/** The toast's Undo button (Toast.tsx), kept apart from toastCss. */
export const toastActionCss = `
.action { font-weight: 600; font-size: 12px; }
`;

/** The `?` key overlay (KeyHelp.tsx) and the first-run hint, apart from the blocks above. */
export const keyHelpCss = `${baseCss}
:host { position: fixed; inset: 0; z-index: 2147483100; }
.backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.35); display: flex; align-items: center; justify-content: center; }
.help {
  box-sizing: border-box; width: min(34em, calc(100vw - 16px)); max-height: calc(100vh - 16px); overflow: auto;
  background: var(--tn-bg, #fff); color: var(--tn-fg, #222); border: 1px solid var(--tn-border, #bbb);
  border-radius: 8px; padding: 14px 16px; box-shadow: 0 6px 24px rgba(0,0,0,.25);
}
h2 { font-size: 14px; margin: 0 0 6px; }
.hint { color: var(--tn-muted, #595959); margin: 0 0 8px; }
table { border-collapse: collapse; width: 100%; font: inherit; color: inherit; }
th { text-align: left; font-weight: normal; white-space: nowrap; padding: 3px 12px 3px 0; vertical-align: top; }
td { padding: 3px 0; }
kbd {
  font: 11px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; border: 1px solid var(--tn-border, #bbb);
  border-bottom-width: 2px; border-radius: 4px; padding: 0 5px; background: var(--tn-bg, #fff);
}
.close { margin-top: 10px; border: 1px solid #aaa; background: #f4f4f4; color: #222; border-radius: 4px; padding: 2px 10px; }
.close:focus-visible { outline: 2px solid #1864ab; outline-offset: 1px; }
@media (prefers-color-scheme: dark) {
  .help { background: var(--tn-bg, #1e1e1e); color: var(--tn-fg, #eee); border-color: var(--tn-border, #555); }
  .hint { color: var(--tn-muted, #bbb); }
  kbd { background: var(--tn-bg, #2a2a2a); border-color: var(--tn-border, #777); }
  .close { background: #333; color: #eee; border-color: #777; }
}
`;

/** The first-run hint (first-run.tsx), at the page's bottom left, away from the toast. */
export const firstRunCss = `${baseCss}
:host { position: fixed; left: 16px; bottom: 16px; z-index: 2147483000; max-width: min(26em, calc(100vw - 32px)); }
.hint {
  display: flex; gap: 10px; align-items: flex-end; padding: 8px 12px; border-radius: 8px;
  background: var(--tn-bg, #fff); color: var(--tn-fg, #222); border: 1px solid var(--tn-border, #bbb);
  box-shadow: 0 4px 16px rgba(0,0,0,.18);
}
p { margin: 0; flex: 1; }
kbd { font: 11px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; border: 1px solid #bbb; border-radius: 3px; padding: 0 4px; }
button { border: 1px solid #1864ab; background: #1864ab; color: #fff; border-radius: 4px; padding: 2px 10px; white-space: nowrap; }
button:focus-visible { outline: 2px solid #1864ab; outline-offset: 2px; }
`;
