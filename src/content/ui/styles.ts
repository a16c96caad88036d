/**
 * Shared structure of the injected UI. Every font, size and colour is a token (`var(--tn-…)`)
 * that theme.ts declares per forum, light or dark, from `src/sites/<forum>-style.ts`: only the
 * tokens differ from forum to forum, so the UI reads as part of the page it sits in.
 *
 * What a page load draws (the base, chips and notes) is in CSS files, which the build minifies:
 * the content script that carries them has a size limit (scripts/check-bundle.mjs). The rest is
 * drawn by the UI script, loaded later, and stays here.
 */
import base from './base.css?inline';
import chips from './chips.css?inline';
import note from './note.css?inline';

export const baseCss = base;
export const chipsCss = base + chips;
export const noteCss = base + note;

export const controlCss = `${baseCss}
:host { display: inline-block; position: relative; margin-left: 6px; vertical-align: baseline; }
.trigger {
  border: 1px solid var(--tn-border); background: transparent; color: var(--tn-muted); border-radius: 2px;
  padding: 0 4px; line-height: 1.3;
}
.panel {
  position: absolute; z-index: 2147483000; top: 1.8em; left: 0; width: min(320px, calc(100vw - 16px));
  box-sizing: border-box; background: var(--tn-bg); color: var(--tn-fg); border: 1px solid var(--tn-border);
  border-radius: 3px; padding: 10px; box-shadow: 0 3px 12px rgba(0,0,0,.2); font-size: var(--tn-size);
}
.panel h2 { font-size: inherit; margin: 0 0 8px; font-weight: bold; }
.panel section { margin-bottom: 10px; }
.panel label { display: block; font-weight: bold; margin-bottom: 4px; }
.panel input, .panel textarea {
  box-sizing: border-box; width: 100%; font: inherit; padding: 3px; color: var(--tn-fg);
  background: var(--tn-bg); border: 1px solid var(--tn-border); border-radius: 2px;
}
.panel textarea { min-height: 64px; resize: vertical; }
.row { display: flex; gap: 6px; align-items: center; margin-top: 6px; flex-wrap: wrap; }
.action { border: 1px solid var(--tn-border); background: var(--tn-surface); color: var(--tn-fg); border-radius: 2px; padding: 1px 8px; }
.action.primary { background: var(--tn-accent); border-color: var(--tn-accent); color: var(--tn-on-accent); }
.options {
  list-style: none; margin: 4px 0 0; padding: 2px; border: 1px solid var(--tn-border);
  border-radius: 2px; max-height: 160px; overflow: auto;
}
.option { display: flex; align-items: center; gap: 6px; padding: 2px 6px; border-radius: 2px; cursor: pointer; }
.option.active, .option:hover { background: var(--tn-surface); }
.option[aria-selected="true"] { font-weight: bold; }
.swatch { width: 10px; height: 10px; border-radius: 2px; flex: none; }
.check { color: var(--tn-ok); }
.hint { margin: -4px 0 10px; font-size: var(--tn-small); }
.error { color: var(--tn-danger); margin-top: 4px; }
.status { color: var(--tn-ok); }
.muted { color: var(--tn-muted); }
`;

export const hiddenBarCss = `${baseCss}
:host { display: block; margin: 6px 0 10px; }
.bar {
  display: flex; align-items: flex-start; gap: 8px; padding: 4px 8px;
  background: var(--tn-surface); border-left: 2px solid var(--tn-mark); color: var(--tn-fg);
}
.list { flex: 1; min-width: 0; }
.fresh { color: var(--tn-accent); }
ul { list-style: none; margin: 6px 0 0; padding: 0; }
li { display: flex; gap: 8px; align-items: baseline; padding: 2px 0; }
.who { font-weight: bold; }
.what { color: var(--tn-muted); white-space: nowrap; }
.excerpt { flex: 1; color: var(--tn-muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
button {
  border: 1px solid var(--tn-border); background: var(--tn-bg); color: var(--tn-accent); border-radius: 2px;
  padding: 0 6px; line-height: 1.5;
}
button.toggle {
  border: 0; background: none; color: inherit; padding: 0; font-size: inherit; line-height: inherit;
  text-align: start;
}
button.toggle::before { content: "\\25B8\\00A0"; }
button.toggle[aria-expanded="true"]::before { content: "\\25BE\\00A0"; }
`;

export const filterBarCss = `${baseCss}
:host { display: block; position: sticky; top: 0; z-index: 2147482000; margin: 6px 0; }
.bar {
  display: flex; align-items: center; gap: 8px; padding: 4px 8px;
  background: var(--tn-bg); border: 1px solid var(--tn-border); border-left: 2px solid var(--tn-mark);
  color: var(--tn-fg);
}
.count { flex: 1; }
button {
  border: 1px solid var(--tn-border); background: var(--tn-bg); color: var(--tn-accent); border-radius: 2px;
  padding: 0 6px; line-height: 1.5;
}
button:disabled { opacity: .6; cursor: default; }
`;

/** Within the viewport: never wider than the window, and the field grows up to 60% of its height. */
export const editorCss = `${baseCss}
:host { display: block; margin: 4px 0 6px; max-width: min(60em, calc(100vw - 24px)); font-size: var(--tn-size); }
.editor { background: var(--tn-bg); border: 1px solid var(--tn-border); border-left: 2px solid var(--tn-mark); padding: 6px; }
label { display: block; font-weight: bold; margin-bottom: 4px; }
textarea {
  box-sizing: border-box; width: 100%; min-height: 3.5em; max-height: 60vh; resize: none; overflow: auto;
  font: inherit; padding: 4px; color: var(--tn-fg); background: var(--tn-bg);
  border: 1px solid var(--tn-border); border-radius: 2px; unicode-bidi: plaintext;
}
.row { display: flex; gap: 6px; align-items: center; margin-top: 6px; flex-wrap: wrap; font-size: var(--tn-small); }
.action { border: 1px solid var(--tn-border); background: var(--tn-surface); color: var(--tn-fg); border-radius: 2px; padding: 1px 8px; }
.action.primary { background: var(--tn-accent); border-color: var(--tn-accent); color: var(--tn-on-accent); }
.offer, .confirm { background: var(--tn-surface); padding: 4px 6px; margin-bottom: 6px; }
.confirm { margin: 6px 0 0; }
.versions { margin: 6px 0 0; padding: 4px 6px; background: var(--tn-surface); }
.versions p { margin: 0 0 4px; }
.versions ul { list-style: none; margin: 0; padding: 0; max-height: 30vh; overflow: auto; }
.versions li { padding: 2px 0; }
.versions .excerpt { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: isolate; }
.error { color: var(--tn-danger); margin: 4px 0 0; }
.muted { color: var(--tn-muted); }
`;

/** Within a 360 px wide window too: never wider than the viewport less its margins. */
export const toastCss = `${baseCss}
:host { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; max-width: min(28em, calc(100vw - 32px)); }
.toast {
  display: flex; gap: 8px; align-items: baseline; padding: 6px 10px; border-radius: 3px;
  box-shadow: 0 2px 10px rgba(0,0,0,.2); background: var(--tn-bg); border: 1px solid var(--tn-border);
  border-left: 2px solid var(--tn-mark); color: var(--tn-fg);
}
.toast.done { border-left-color: var(--tn-ok); }
.toast.error { border-left-color: var(--tn-danger); color: var(--tn-danger); }
.text { flex: 1; overflow-wrap: anywhere; }
button { background: none; border: 0; padding: 0; color: inherit; text-decoration: underline; }
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
