// Threadnote's stand-in for what Discourse's post stream does while the reader scrolls,
// rewritten from its observable behaviour (discourse/discourse, components/post-stream.gjs and
// post.gjs), so that browser tests see the same churn as on a real forum:
// - posts far from the viewport are "cloaked": their <article> is removed, the wrapper keeps
//   its height, loses its classes, takes the post's id and says it is loading;
// - when the reader scrolls back, the post is rendered again as a new <article>, from the
//   markup it had when the page loaded (Discourse renders from its model, so nothing that
//   others put into the old element survives);
// - near the end of the stream, the next posts are appended (on Discourse they come from
//   /t/<id>/posts.json; here from <template id="more-posts">).
(function () {
  'use strict';

  var stream = document.querySelector('.post-stream');
  if (!stream) return;
  var more = document.getElementById('more-posts');
  var KEEP_VIEWPORTS = 1.5;
  var markup = new Map();

  function remember(wrapper) {
    var article = wrapper.querySelector(':scope > article');
    if (article) markup.set(wrapper, article.outerHTML);
  }
  stream.querySelectorAll('[data-post-number]').forEach(remember);

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

  addEventListener('scroll', schedule, { passive: true });
  addEventListener('resize', schedule);
  schedule();
})();
