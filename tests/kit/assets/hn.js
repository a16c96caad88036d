// Threadnote's stand-in for Hacker News's hn.js: only the comment folding that the real script
// does through toggle(ev, id), rewritten from its observable behaviour. A comment row is folded
// by giving it the class `coll`; its descendants (the rows after it with a greater indent) get
// `noshow`; the link reads `[–]` when open and `[+N]` when folded, N being its `n` attribute.
(function () {
  'use strict';

  function indentOf(row) {
    var ind = row.querySelector('td.ind');
    var attr = ind && ind.getAttribute('indent');
    if (attr !== null && attr !== undefined) return Number(attr);
    var spacer = ind && ind.querySelector('img');
    return spacer ? Math.round(spacer.width / 40) : 0;
  }

  function isComment(row) {
    return row.classList.contains('athing') && row.classList.contains('comtr');
  }

  function setFolded(row, folded) {
    var link = row.querySelector('a.togg');
    var depth = indentOf(row);
    row.classList.toggle('coll', folded);
    if (link) link.textContent = folded ? '[+' + link.getAttribute('n') + ']' : '[\u2013]';

    // Unfolding shows the descendants again, except those inside a subtree that is itself still
    // folded: everything below such a row stays hidden until that row is unfolded.
    var foldedAt = null;
    for (var next = row.nextElementSibling; next; next = next.nextElementSibling) {
      if (!isComment(next)) continue;
      var d = indentOf(next);
      if (d <= depth) break;
      if (folded) {
        next.classList.add('noshow');
        continue;
      }
      if (foldedAt !== null && d > foldedAt) continue;
      foldedAt = next.classList.contains('coll') ? d : null;
      next.classList.remove('noshow');
    }
  }

  document.addEventListener('click', function (ev) {
    var link = ev.target instanceof Element ? ev.target.closest('a.togg') : null;
    if (!link) return;
    var row = link.closest('tr.athing');
    if (!row) return;
    ev.preventDefault();
    setFolded(row, !row.classList.contains('coll'));
  });
})();
