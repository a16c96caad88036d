// Threadnote's stand-in for what Discourse's app does in the browser, rewritten from its
// observable behaviour (discourse/discourse, components/post-stream.gjs and post.gjs, and its
// router), so that browser tests see the same churn as on a real forum:
// - posts far from the viewport are "cloaked": their <article> is removed, the wrapper keeps
//   its height, loses its classes, takes the post's id and says it is loading;
// - when the reader scrolls back, the post is rendered again as a new <article>, from the
//   markup it had when the page loaded (Discourse renders from its model, so nothing that
//   others put into the old element survives);
// - near the end of the stream, the next posts are appended (on Discourse they come from
//   /t/<id>/posts.json; here from <template id="more-posts">);
// - links inside the app (the logo, topic titles in lists) do not load a page: the address
//   changes with history.pushState and the new page is drawn in #main-outlet (Discourse fetches
//   JSON; here the page's HTML is fetched and its #main-outlet taken). Back and forward too.
(function () {
  'use strict';

  var KEEP_VIEWPORTS = 1.5;
  var stream = null;
  var more = null;
  var markup = new Map();

  function remember(wrapper) {
    var article = wrapper.querySelector(':scope > article');
    if (article) markup.set(wrapper, article.outerHTML);
  }

  function cloak(wrapper, height) {
    var article = wrapper.querySelector(':scope > article');
    if (!article) return;
    wrapper.dataset.classes = wrapper.className;
    wrapper.className = '';
    wrapper.id = article.id;
    wrapper.style.minHeight = height + 'px';
    wrapper.setAttribute('aria-busy', 'true');
    var placeholder = document.createElement('p');
    placeholder.className = 'sr-only';
    placeholder.textContent = 'This post content is loading';
    wrapper.replaceChildren(placeholder);
  }

  function uncloak(wrapper) {
    if (wrapper.querySelector(':scope > article')) return;
    var template = document.createElement('template');
    template.innerHTML = markup.get(wrapper) || '';
    wrapper.className = wrapper.dataset.classes || 'topic-post';
    wrapper.removeAttribute('id');
    wrapper.style.minHeight = '';
    wrapper.setAttribute('aria-busy', 'false');
    wrapper.replaceChildren(template.content);
  }

  function loadMore() {
    var posts = more.content;
    more.remove();
    more = null;
    Array.prototype.forEach.call(posts.children, remember);
    stream.appendChild(posts);
  }

  function update() {
    if (!stream) return;
    var wrappers = Array.prototype.slice.call(stream.querySelectorAll('[data-post-number]'));
    var above = -KEEP_VIEWPORTS * innerHeight;
    var below = (1 + KEEP_VIEWPORTS) * innerHeight;
    // All reads, then all writes.
    var boxes = wrappers.map(function (wrapper) {
      return wrapper.getBoundingClientRect();
    });
    wrappers.forEach(function (wrapper, index) {
      var box = boxes[index];
      if (box.bottom > above && box.top < below) uncloak(wrapper);
      else cloak(wrapper, box.height);
    });
    var last = boxes[boxes.length - 1];
    if (more && last && last.top < below) {
      loadMore();
      schedule();
    }
  }

  var scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(function () {
      scheduled = false;
      update();
    });
  }

  function startStream() {
    stream = document.querySelector('.post-stream');
    more = document.getElementById('more-posts');
    markup = new Map();
    if (stream) stream.querySelectorAll('[data-post-number]').forEach(remember);
    schedule();
  }

  function show(href, push) {
    return fetch(href)
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        var outlet = page.getElementById('main-outlet');
        if (!outlet) {
          location.href = href;
          return;
        }
        if (push) history.pushState({}, '', href);
        document.title = page.title;
        document.getElementById('main-outlet').replaceChildren.apply(
          document.getElementById('main-outlet'),
          Array.prototype.slice.call(outlet.childNodes),
        );
        if (push) scrollTo(0, 0);
        startStream();
      });
  }

  document.addEventListener('click', function (event) {
    var link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey) {
      return;
    }
    if (link.origin !== location.origin) return;
    if (!link.matches('[data-auto-route], .topic-list a.title, a.fancy-title')) return;
    event.preventDefault();
    show(link.href, true);
  });
  addEventListener('popstate', function () {
    show(location.href, false);
  });
  addEventListener('scroll', schedule, { passive: true });
  addEventListener('resize', schedule);
  startStream();
})();
