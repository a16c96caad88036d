// Threadnote's stand-in for classic Reddit's scripts: only what the comment page needs, rewritten
// from the observable behaviour of old.reddit.com. The page's inline handlers call these globals.
// - togglecomment(link): the [–] / [+] fold. The thing gets `collapsed` (and loses
//   `noncollapsed`); its expand link reads [+], and [–] again when opened.
// - morechildren(link, linkId, sort, children, depth): "load more comments". Asks the server for
//   the hidden comments and puts them where the stub was, as new div.thing.comment elements.
(function () {
  'use strict';

  window.click_thing = function () {};
  window.reply = function () {
    return false;
  };

  window.togglecomment = function (link) {
    var thing = link.closest('.thing');
    if (!thing) return false;
    var collapse = !thing.classList.contains('collapsed');
    thing.classList.toggle('collapsed', collapse);
    thing.classList.toggle('noncollapsed', !collapse);
    var expand = thing.querySelector(':scope > .entry .tagline a.expand');
    if (expand) expand.textContent = collapse ? '[+]' : '[\u2013]';
    return false;
  };

  window.morechildren = function (link, linkId, sort, children) {
    var stub = link.closest('.thing.morechildren');
    if (!stub) return false;
    link.textContent = 'na\u010D\u00EDtavam\u2026';
    var query = new URLSearchParams({ link_id: linkId, sort: sort, children: children });
    fetch('/api/morechildren?' + query.toString())
      .then(function (response) {
        if (!response.ok) throw new Error('morechildren: ' + response.status);
        return response.text();
      })
      .then(function (html) {
        var template = document.createElement('template');
        template.innerHTML = html.trim();
        stub.replaceWith(template.content);
      })
      .catch(function () {
        link.textContent = 'chyba pri na\u010D\u00EDtan\u00ED';
      });
    return false;
  };
})();
