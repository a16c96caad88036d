#!/usr/bin/env node
// Builds Threadnote's Discourse fixture page: a topic as a Discourse 3.x forum renders it in the
// browser (the Glimmer post stream of 2025), for the adapter tests and the fixture server. Plain
// Node, no dependencies.
//
//   node tests/kit/discourse-page.mjs     rewrites tests/fixtures/discourse/<FILE> and <LATEST_FILE>
//
// The markup follows discourse/discourse's templates (components/post.gjs, post/meta-data.gjs and
// its parts, post/cooked-html.gjs, post-stream.gjs) and topic pages saved from real Discourse
// forums in public repositories; see tests/fixtures/README.md. The forum, its users, posts and
// ids are invented.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURE_DIR = join(ROOT, 'tests/fixtures/discourse');

export const HOST = 'forum.example.org';
export const TOPIC_ID = 4242;
export const SLUG = 'offline-first-sync-crdts-or-server-authoritative';
export const FILE = `t-offline-first-sync-${TOPIC_ID}-2025.html`;
export const LATEST_FILE = 'latest-2025.html';
export const TITLE = 'Offline-first sync: CRDTs or server-authoritative?';
/** Posts the page renders at first; the rest come when the reader scrolls to the end. */
export const FIRST_CHUNK = 20;

const USERS = {
  alice: { id: 12, name: 'Alice Moreau' },
  bram: { id: 31, name: null },
  chioma: { id: 47, name: 'Chioma Okafor' },
  dmitri: { id: 58, name: null },
  elif: { id: 63, name: 'Elif Demir' },
  farid: { id: 72, name: null },
  greta: { id: 85, name: null },
  hiro: { id: 91, name: 'Hiro Tanaka' },
  ines: { id: 104, name: null },
};

// [number, post id, username, number of the post it replies to (null: the topic), paragraphs]
export const POSTS = [
  [
    1,
    57310,
    'alice',
    null,
    [
      'We are rebuilding our field-inspection app so that inspectors can work for days without a connection. Two camps on the team: one wants CRDTs everywhere, the other wants the server to stay the single source of truth and clients to queue operations.',
      'What did you pick, and what would you do differently? Our data is mostly forms with photos, plus a shared checklist per site.',
    ],
  ],
  [
    2,
    57314,
    'bram',
    null,
    [
      'Server-authoritative with an operation log. Every client change is an intent ("set field X to Y on form Z"), the server replays intents in order and sends back the result. Conflicts are rare for forms because two people seldom edit the same field.',
    ],
  ],
  [
    3,
    57319,
    'chioma',
    null,
    [
      'We went CRDT (Automerge) for a similar checklist app. The merge story is lovely; the storage story is not. Documents grow with history and you need compaction from day one.',
    ],
  ],
  [
    4,
    57325,
    'dmitri',
    2,
    [
      'How do you handle an intent that the server rejects after the client has shown it as done for two days? That is the part that burned us.',
    ],
  ],
  [
    5,
    57330,
    'bram',
    4,
    [
      'We show queued changes as pending (a small clock icon) until the server confirms them. A rejection becomes a visible task: "this change could not be applied, here is why". Users cope fine as long as nothing disappears silently.',
    ],
  ],
  [
    6,
    57342,
    'elif',
    3,
    [
      'How big did the documents get before compaction? We measured 40x the plain JSON size after a month of edits on one checklist.',
    ],
  ],
  [
    7,
    57349,
    'alice',
    4,
    [
      'That is exactly our fear. Inspectors sign off a form offline, and a rejection days later would mean a legal problem, not just a UI one.',
    ],
  ],
  [
    8,
    57355,
    'farid',
    null,
    [
      'One thing nobody mentions: photos. Whatever you pick for the form data, treat binary attachments as immutable, content-addressed blobs and sync them separately. That alone removed half of our conflicts.',
    ],
  ],
  [
    9,
    57361,
    'chioma',
    6,
    [
      'Similar numbers. We keep the full history for 14 days and then snapshot; older changes are only kept on the server for audit.',
    ],
  ],
  [
    10,
    57368,
    'greta',
    8,
    [
      'Agreed on blobs. Do you upload them eagerly when a connection appears, or only when the form is submitted?',
    ],
  ],
  [
    11,
    57373,
    'dmitri',
    7,
    [
      'Then the sign-off itself must be an operation that cannot be rejected: record it as a fact with the device time and let the server flag a conflict for a human, instead of refusing it.',
    ],
  ],
  [
    12,
    57380,
    'hiro',
    null,
    [
      'We did a hybrid: CRDT for the shared checklist (many people tick items at once), plain last-writer-wins per field for forms, and an append-only log for signatures. Three mechanisms sounds like a lot, but each one is simple.',
    ],
  ],
  [
    13,
    57386,
    'elif',
    9,
    ['Did the snapshots break anyone who had been offline for longer than 14 days?'],
  ],
  [
    14,
    57391,
    'ines',
    12,
    [
      'How do you decide which mechanism a new field gets? I can see that turning into a meeting every sprint.',
    ],
  ],
  [
    15,
    57397,
    'bram',
    11,
    [
      'That is what we ended up with as well: some operations are facts, some are requests. Facts always land; requests can fail.',
    ],
  ],
  [
    16,
    57402,
    'alice',
    null,
    [
      'Summary so far, for the people who join later: blobs separate and immutable; sign-offs as facts; shared lists as CRDTs; plain fields with last-writer-wins and a visible pending state.',
    ],
  ],
  [
    17,
    57408,
    'farid',
    10,
    [
      'Eagerly, in the background, with a cap per hour on mobile data. The form only references the hash, so submitting never waits for an upload.',
    ],
  ],
  [
    18,
    57413,
    'greta',
    17,
    [
      'Nice. We will copy the cap; our inspectors burned through their data plans in the first week.',
    ],
  ],
  [
    19,
    57419,
    'hiro',
    14,
    [
      'A short rule: if two people can reasonably change it at the same moment, CRDT; if one person owns it, last-writer-wins; if it has legal weight, append-only.',
    ],
  ],
  [
    20,
    57426,
    'chioma',
    15,
    [
      'One caveat with facts: make sure they carry enough context to be understood later, because the form they refer to may have changed by the time the server sees them.',
    ],
  ],
  [
    21,
    57431,
    'dmitri',
    20,
    ['Good point, we embed the form version in every fact for that reason.'],
  ],
  [
    22,
    57437,
    'ines',
    16,
    [
      'Thanks for the summary. Would you write it up as a decision record once you have chosen? I would like to point my team at it.',
    ],
  ],
  [
    23,
    57444,
    'elif',
    19,
    [
      'That rule fits on a sticky note, which is the best thing I can say about an architecture rule.',
    ],
  ],
  [24, 57450, 'alice', 22, ['Will do. I will post the link here when it is published.']],
  [
    25,
    57458,
    'bram',
    null,
    ['Late addition: test with clocks that are wrong. Field devices have the strangest clocks.'],
  ],
  [26, 57463, 'alice', 25, ['Oh yes. Noted, thank you all.']],
];

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (ch) => ESCAPES[ch]);

const TOPIC_URL = `https://${HOST}/t/${SLUG}/${TOPIC_ID}`;
// Posts arrive about an hour apart from 2025-03-03 08:12 UTC.
const START = Date.UTC(2025, 2, 3, 8, 12, 0);
const timeOf = (number) => START + (number - 1) * 53 * 60 * 1000;

const dateFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'UTC',
});

const avatar = (username, size) =>
  `/user_avatar/${HOST}/${username}/${size}/${USERS[username].id}_2.png`;

const icon = (name) =>
  `<svg class="fa d-icon d-icon-${name} svg-icon svg-string" xmlns="http://www.w3.org/2000/svg" aria-hidden="true"><use href="#${name}"></use></svg>`;

function replyCount(number) {
  return POSTS.filter(([, , , replyTo]) => replyTo === number).length;
}

function renderPost([number, id, username, replyTo, paragraphs]) {
  const user = USERS[username];
  const time = timeOf(number);
  const shareUrl = number === 1 ? `/t/${SLUG}/${TOPIC_ID}` : `/t/${SLUG}/${TOPIC_ID}/${number}`;
  const label = `post #${number} by @${username}`;
  // Discourse hides the tab when a post answers the one right above it
  // (suppress_reply_directly_above, on by default).
  const showTab = replyTo !== null && replyTo !== number - 1;
  const replyToUser = showTab ? POSTS.find(([n]) => n === replyTo)[2] : null;
  const replies = replyCount(number);
  const owner = username === 'alice';
  const classes = [
    'topic-post',
    'clearfix',
    'post--sticky-avatar sticky-avatar',
    owner ? 'post--topic-owner topic-owner' : null,
    'post--regular regular',
  ]
    .filter(Boolean)
    .join(' ');
  const names = user.name
    ? `<span class="first username"><a href="/u/${username}" data-user-card="${username}" class="">${username}</a></span><span class="second full-name"><a href="/u/${username}" data-user-card="${username}" class="">${escapeHtml(user.name)}</a></span>`
    : `<span class="first username"><a href="/u/${username}" data-user-card="${username}" class="">${username}</a></span>`;
  const tab = replyToUser
    ? `<a href class="reply-to-tab" role="button" aria-controls="embedded-posts__top--${number}" aria-expanded="false" tabindex="0" title="In reply to">${icon('share')} <img alt="" width="24" height="24" src="${avatar(replyToUser, 24)}" title="${replyToUser}" aria-hidden="true" loading="lazy" tabindex="-1" class="avatar"> <span>${replyToUser}</span></a>`
    : '';
  const showReplies =
    replies > 0
      ? `<button class="btn btn-icon-text post-action-menu__show-replies show-replies btn-flat" aria-expanded="false" aria-controls="embedded-posts__bottom--${number}" type="button"><span class="d-button-label">${replies} ${replies === 1 ? 'Reply' : 'Replies'}</span>${icon('chevron-down')}</button>`
      : '';
  const cooked = paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n');
  return `<div class="${classes}" data-post-number="${number}" role="region" aria-label="${label}" aria-busy="false">
  <article id="post_${number}" class="boxed onscreen-post" role="region" aria-label="${label}" data-post-id="${id}" data-topic-id="${TOPIC_ID}" data-user-id="${user.id}">
    <div class="post__row row">
      <div class="topic-avatar"><div class="post-avatar"><a class="trigger-user-card main-avatar" href="/u/${username}" data-user-card="${username}" aria-hidden="true" tabindex="-1"><img alt="" width="48" height="48" src="${avatar(username, 48)}" aria-hidden="true" loading="lazy" tabindex="-1" class="avatar"></a></div></div>
      <div class="post__body topic-body clearfix">
        <div class="topic-meta-data" role="heading" aria-level="2">
          <div class="names trigger-user-card">${names}</div>
          <div class="post-infos">${tab}<div class="post-info post-date"><a class="post-date" href="${shareUrl}" title="Post date"><span class="relative-date" title="${dateFormat.format(time)}" data-time="${time}" data-format="tiny">Mar ${new Date(time).getUTCDate()}</span></a></div><div class="read-state read" title="Post is unread">${icon('circle')}</div></div>
        </div>
        <div class="post__regular regular post__contents contents${showTab ? ' post__contents--avoid-tab avoid-tab' : ''}">
          <div class="cooked">
${cooked}
          </div>
          <section class="post__menu-area post-menu-area clearfix">
            <nav class="post-controls"><div class="actions">${showReplies}<button class="btn no-text btn-icon post-action-menu__like toggle-like like btn-flat" title="like this post" type="button">${icon('d-unliked')}</button><button class="btn no-text btn-icon post-action-menu__copy-link btn-flat" title="copy a link to this post" type="button">${icon('d-post-share')}</button><button class="btn btn-icon-text post-action-menu__reply reply create fade-out btn-flat" title="begin composing a reply to this post" type="button">${icon('reply')}<span class="d-button-label">Reply</span></button></div></nav>
          </section>
        </div>
        <section class="post__actions post-actions"></section>
      </div>
    </div>
  </article>
</div>`;
}

/** The document around Discourse's app, the same on every page of the forum. */
function renderDocument({ title, description, url, bodyClass, outlet }) {
  return `<!DOCTYPE html>
<html lang="en" class="desktop-view not-mobile-device text-size-normal anon">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<meta name="description" content="${escapeHtml(description)}">
<meta name="generator" content="Discourse 3.5.0 - https://github.com/discourse/discourse version 4c5c2d1f0a9e">
<link rel="canonical" href="${url}">
<meta property="og:site_name" content="Example Forum">
<meta property="og:type" content="website">
<meta property="og:title" content="${escapeHtml(title)}">
<meta property="og:url" content="${url}">
<meta name="viewport" content="width=device-width, initial-scale=1.0, minimum-scale=1.0, viewport-fit=cover">
<meta id="data-discourse-setup" data-cdn="" data-base-url="https://${HOST}" data-base-uri="" data-environment="production">
<link href="/stylesheets/desktop_theme.css" media="all" rel="stylesheet">
</head>
<body class="${bodyClass}">
<section id="main" class="ember-application">
<div class="d-header-wrap"><header class="d-header"><div class="wrap"><div class="contents"><div class="home-logo-wrapper-outlet"><div class="title"><a href="/" data-auto-route="true"><span class="d-title">Example Forum</span></a></div></div><div class="panel"><span class="header-buttons"><button class="btn btn-primary btn-small login-button btn-icon-text" type="button">${icon('user')}<span class="d-button-label">Log In</span></button></span></div></div></div></header></div>
<div id="main-outlet-wrapper" class="wrap" role="main">
<div id="main-outlet">
${outlet}
</div>
</div>
</section>
<script src="/assets/discourse-stream.js"></script>
</body>
</html>
`;
}

export function renderTopicPage() {
  const first = POSTS.slice(0, FIRST_CHUNK).map(renderPost).join('\n');
  const later = POSTS.slice(FIRST_CHUNK).map(renderPost).join('\n');
  return renderDocument({
    title: `${TITLE} - Architecture - Example Forum`,
    description: POSTS[0][4][0],
    url: TOPIC_URL,
    bodyClass: 'archetype-regular category-architecture',
    outlet: `<div id="topic-title"><div class="container"><div class="title-wrapper"><h1 data-topic-id="${TOPIC_ID}"><a href="/t/${SLUG}/${TOPIC_ID}" class="fancy-title"><span dir="auto">${escapeHtml(TITLE)}</span></a></h1><div class="topic-category"><a class="badge-category__wrapper" href="/c/architecture/7"><span class="badge-category" data-category-id="7"><span class="badge-category__name">Architecture</span></span></a></div></div></div></div>
<div class="container posts"><div class="row"><section class="topic-area" id="topic" data-topic-id="${TOPIC_ID}"><div class="posts-wrapper">
<div class="post-stream glimmer-post-stream">
${first}
</div>
<template id="more-posts">
${later}
</template>
</div></section></div></div>`,
  });
}

/** The forum's front page, /latest: a list of topics, one of them the topic above. */
export function renderLatestPage() {
  const topics = [
    [TOPIC_ID, SLUG, TITLE, POSTS.length, 'Mar 4'],
    [4239, 'choosing-a-queue-for-photo-uploads', 'Choosing a queue for photo uploads', 7, 'Mar 2'],
    [4231, 'how-do-you-version-form-schemas', 'How do you version form schemas?', 12, 'Feb 27'],
  ];
  const rows = topics
    .map(
      ([id, slug, title, posts, activity]) =>
        `<tr data-topic-id="${id}" class="topic-list-item category-architecture"><td class="main-link topic-list-data"><span class="link-top-line"><a href="/t/${slug}/${id}" class="title raw-link raw-topic-link" data-topic-id="${id}">${escapeHtml(title)}</a></span></td><td class="num posts-map posts topic-list-data"><span class="number">${posts - 1}</span></td><td class="num activity topic-list-data"><span class="relative-date">${activity}</span></td></tr>`,
    )
    .join('\n');
  return renderDocument({
    title: 'Example Forum',
    description: 'An example Discourse forum about field software.',
    url: `https://${HOST}/latest`,
    bodyClass: 'navigation-topics',
    outlet: `<div class="list-controls"><div class="container"><ul class="nav nav-pills"><li class="active"><a href="/latest" data-auto-route="true">Latest</a></li></ul></div></div>
<div class="contents"><table class="topic-list"><thead><tr><th class="default">Topic</th><th class="posts num">Replies</th><th class="activity num">Activity</th></tr></thead>
<tbody class="topic-list-body">
${rows}
</tbody></table></div>`,
  });
}

export function writeTopicPage(dir = FIXTURE_DIR) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, FILE), renderTopicPage());
  writeFileSync(join(dir, LATEST_FILE), renderLatestPage());
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeTopicPage();
  console.log(`Wrote ${join(FIXTURE_DIR, FILE)} and ${LATEST_FILE}`);
}
