#!/usr/bin/env node
// Builds Threadnote's hand-made Hacker News fixture pages in the markup news.ycombinator.com
// serves in 2025, and the 3,000-comment benchmark page. Plain Node, no dependencies.
//
//   node tests/kit/hn-pages.mjs                     rewrites the pages in tests/fixtures/hn/
//   node tests/kit/hn-pages.mjs --bench <out.html>  writes the benchmark page to <out.html>
//   node tests/kit/hn-pages.mjs --bench-subthread <out.html>
//                                                 writes its variant with a 1,000-reply subthread
//
// Only `motoboi`, `c4pt0r`, story 44533403 and the texts quoted from
// ../shared/seed/hn-comment-page.txt are real. Every other id, username, score and comment is
// invented (see tests/fixtures/README.md).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURE_DIR = join(ROOT, 'tests/fixtures/hn');

export const STORY_ID = 44533403;
export const MOTOBOI_COMMENT_ID = 44536000;
export const LEGACY_STORY_ID = 36817231;
export const BENCH_STORY_ID = 44500000;
export const SUBTHREAD_STORY_ID = 44510000;

export const FILES = {
  legacy: 'item-36817231-2023-07.html',
  story: 'item-44533403-story-2025-07.html',
  comment: 'item-44536000-comment-2025-07.html',
  threads: 'threads-motoboi-2025-07.html',
  newcomments: 'newcomments-2025-07.html',
  bench: 'bench-3000.html',
  benchSubthread: 'bench-3000-subthread-1000.html',
};

// HN hands out item ids at roughly 10,700 a day (44533403 on 2025-07-11, 44804397 on
// 2025-08-05), so deriving each item's time from its id keeps ids, timestamps and ages coherent.
const ID_ANCHOR = { id: STORY_ID, time: Date.UTC(2025, 6, 11, 15, 4, 9) / 1000 };
const SECONDS_PER_ID = 8.07;
const timeOf = (id) => Math.round(ID_ANCHOR.time + (id - ID_ANCHOR.id) * SECONDS_PER_ID);

// The moment every page pretends to have been fetched: the seed shows motoboi's comment as
// "2 days ago".
const NOW = Date.UTC(2025, 6, 14, 2, 0, 0) / 1000;

// Cache-busting tokens as HN appends them to its static files.
const CSS_HREF = 'news.css?Wq3hDgAV1p2zNUIskVb8';
const JS_SRC = 'hn.js?bKj8Ev6r0TnZwQGxA3Ls';

// The comment page shows replies three levels deep, as the seed does, and links on to the rest.
const COMMENT_PAGE_MAX_INDENT = 2;

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
const UNESCAPES = Object.fromEntries(Object.entries(ESCAPES).map(([ch, entity]) => [entity, ch]));
const unescapeHtml = (html) => html.replace(/&(?:amp|lt|gt|quot|#x27);/g, (e) => UNESCAPES[e]);

function linkify(escaped) {
  return escaped.replace(/https?:\/\/[^\s<]+/g, (url) => {
    const shown = url.length > 60 ? `${url.slice(0, 60)}...` : url;
    return `<a href="${url}" rel="nofollow">${shown}</a>`;
  });
}

// HN stores comment text as escaped HTML with paragraphs separated by a bare <p>, never closed.
const formatText = (paragraphs) => paragraphs.map((p) => linkify(escapeHtml(p))).join('<p>');

/**
 * A comment. `state` is 'flagged', 'dead' or 'deleted' for comments HN shows only as a
 * placeholder; `collapsed` marks a subtree the reader folded earlier, which HN renders folded;
 * `tone` is the text class HN gives downvoted comments (c5a lightest … cdd palest).
 */
export function comment(id, by, paragraphs, kids = [], extra = {}) {
  return { id, by, html: formatText(paragraphs), kids, tone: 'c00', ...extra };
}

function isoSeconds(time) {
  return new Date(time * 1000).toISOString().slice(0, 19);
}

function ageText(time, now) {
  const minutes = Math.max(1, Math.floor((now - time) / 60));
  if (minutes < 60) return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

function ageSpan(id, now, { time = timeOf(id), text = ageText(time, now) } = {}) {
  return `<span class="age" title="${isoSeconds(time)} ${time}"><a href="item?id=${id}">${text}</a></span>`;
}

// Stands in for the per-user tokens HN puts in favorite and hmac links; only their shape matters.
function fakeToken(seed) {
  let h = 2166136261 ^ seed;
  let out = '';
  while (out.length < 40) {
    h = Math.imul(h ^ (h >>> 13), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}

function onStoryLink(story) {
  const shown = story.title.length > 60 ? `${story.title.slice(0, 57).trimEnd()}...` : story.title;
  return ` |  on: <a href="item?id=${story.id}" title="${escapeHtml(story.title)}">${escapeHtml(shown)}</a>`;
}

const voteCell = (id, goto) =>
  `<td valign="top" class="votelinks"><center><a id='up_${id}' href='vote?id=${id}&amp;how=up&amp;goto=${encodeURIComponent(goto)}'><div class='votearrow' title='upvote'></div></a></center></td>`;

// Dead and deleted items cannot be voted on; HN keeps the column's width with a spacer.
const noVoteCell =
  '<td valign="top" class="votelinks"><center><img src="s.gif" height="1" width="14"></center></td>';

const replyDiv = (id, goto) =>
  `<div class="reply"><p><font size="1"><u><a href="reply?id=${id}&amp;goto=${encodeURIComponent(`${goto}#${id}`)}" rel="nofollow">reply</a></u></font></p></div>`;

/**
 * Walks a comment forest in page order. Each row knows its depth, parent, root and siblings
 * (for span.navs), and `n`, the number of rows its subtree takes on this page including itself
 * (HN's a.togg[n]). Below `maxIndent` replies are not rendered: their parent row gets
 * `hidden` instead, for a "N replies →" link.
 */
function flatten(roots, { maxIndent = Infinity } = {}) {
  const rows = [];
  const walk = (siblings, depth, parent, root, folded) => {
    siblings.forEach((c, i) => {
      const row = {
        c,
        depth,
        parent,
        root: root ?? c,
        prev: siblings[i - 1],
        next: siblings[i + 1],
        folded,
        hidden: depth === maxIndent ? c.kids : [],
      };
      const start = rows.push(row);
      if (depth < maxIndent) walk(c.kids, depth + 1, c, root ?? c, folded || c.collapsed);
      row.n = rows.length - start + 1;
    });
  };
  walk(roots, 0, undefined, undefined, false);
  return rows;
}

const subtreeSize = (c) => 1 + c.kids.reduce((sum, kid) => sum + subtreeSize(kid), 0);

function treeNavs(row) {
  const links = [];
  // HN offers `root` only where it differs from `parent`.
  if (row.depth >= 2) links.push(['root', row.root.id]);
  if (row.depth >= 1) links.push(['parent', row.parent.id]);
  if (row.prev) links.push(['prev', row.prev.id]);
  if (row.next) links.push(['next', row.next.id]);
  return links
    .map(([label, id]) => ` | <a href="#${id}" class="clicky" aria-hidden="true">${label}</a>`)
    .join('');
}

function commentBody(c, replyGoto, after) {
  if (c.state === 'deleted') return `<div class="comment">[deleted]${after}</div>`;
  if (c.state) return `<div class="comment noshow">[${c.state}]${after}</div>`;
  return `<div class="comment"><div class="commtext ${c.tone}">${c.html}</div>${replyDiv(c.id, replyGoto)}${after}</div>`;
}

/**
 * One row of a comment tree (tr.athing.comtr). `page` supplies the goto targets of the page,
 * the time it was fetched, and optionally the context links and "on:" story of a top-level row,
 * which only threads pages show.
 */
function treeRow(row, page) {
  const { c, depth } = row;
  const classes = ['athing', 'comtr', c.collapsed && 'coll', row.folded && 'noshow'];
  const head =
    c.state === 'deleted'
      ? ''
      : `<a href="user?id=${c.by}" class="hnuser">${c.by}</a> ${ageSpan(c.id, page.now)} <span id="unv_${c.id}"></span>`;
  const toggText = c.collapsed ? `[+${row.n}]` : '[–]';
  const togg = `<a class="togg clicky" id="${c.id}" n="${row.n}" href="javascript:void(0)">${toggText}</a>`;
  const lead = depth === 0 && page.context ? page.context(c) : '';
  const onstory = depth === 0 && page.onstory ? onStoryLink(page.onstory(c)) : '';
  const navs = `<span class="navs">${lead}${treeNavs(row)} ${togg}<span class="onstory">${onstory}</span></span>`;
  // No HN markup for this link could be found; see tests/fixtures/README.md.
  const more = row.hidden.length
    ? `<p><a href="item?id=${row.hidden[0].id}" class="morelink">${moreRepliesText(row.hidden)}</a></p>`
    : '';
  return (
    `<tr class='${classes.filter(Boolean).join(' ')}' id='${c.id}'><td><table border="0"><tr>` +
    `<td class='ind' indent='${depth}'><img src="s.gif" height="1" width="${depth * 40}"></td>` +
    `${c.state ? noVoteCell : voteCell(c.id, page.voteGoto)}<td class="default">` +
    `<div style="margin-top:2px; margin-bottom:-10px;"><span class="comhead">${head}${navs}</span></div><br>\n` +
    `${commentBody(c, page.replyGoto, more)}</td></tr></table></td></tr>\n`
  );
}

function moreRepliesText(hidden) {
  const count = hidden.reduce((sum, kid) => sum + subtreeSize(kid), 0);
  return `${count} ${count === 1 ? 'reply' : 'replies'} →`;
}

/**
 * A comment outside any tree: the focused comment of a comment page and the rows of list pages
 * such as newcomments. HN renders these as a bare tr.athing (no `comtr`, no `indent`, no togg).
 */
function listRow(c, { now, voteGoto, parentId, story, reply }) {
  return (
    `<tr class='athing' id='${c.id}'><td class='ind'></td>${voteCell(c.id, voteGoto)}<td class="default">` +
    `<div style="margin-top:2px; margin-bottom:-10px;"><span class="comhead">` +
    `<a href="user?id=${c.by}" class="hnuser">${c.by}</a> ${ageSpan(c.id, now)} <span id="unv_${c.id}"></span>` +
    `<span class="navs"> | <a href="item?id=${parentId}">parent</a> | <a href="item?id=${story.id}#${c.id}" rel="nofollow">context</a>` +
    `<span class="onstory">${onStoryLink(story)}</span></span></span></div><br>\n` +
    `<div class="comment"><div class="commtext ${c.tone}">${c.html}</div>` +
    `${reply ? replyDiv(c.id, voteGoto) : '<div class="reply"></div>'}</div></td></tr>\n`
  );
}

function commentTree(rows, page) {
  return `<table border="0" class="comment-tree">\n${rows.map((row) => treeRow(row, page)).join('')}</table>`;
}

function layout({ op, title, pagespaceTitle = '', goto, topsel, headerNote, body }) {
  const nav = [
    ['newest', 'new'],
    ['front', 'past'],
    ['newcomments', 'comments'],
    ['ask', 'ask'],
    ['show', 'show'],
    ['jobs', 'jobs'],
    ['submit', 'submit'],
  ]
    .map(([href, label]) => {
      const link = `<a href="${href}"${href === 'submit' ? ' rel="nofollow"' : ''}>${label}</a>`;
      return href === topsel ? `<span class="topsel">${link}</span>` : link;
    })
    .join(' | ');
  const note = headerNote ? ` | <font color="#ffffff">${escapeHtml(headerNote)}</font>` : '';
  return (
    `<html lang="en" op="${op}"><head><meta name="referrer" content="origin"><meta name="viewport" content="width=device-width, initial-scale=1.0">` +
    `<link rel="stylesheet" type="text/css" href="${CSS_HREF}">\n` +
    `<link rel="icon" href="y18.svg">\n` +
    `<title>${escapeHtml(title)}</title></head><body><center><table id="hnmain" border="0" cellpadding="0" cellspacing="0" width="85%" bgcolor="#f6f6ef">\n` +
    `<tr><td bgcolor="#ff6600"><table border="0" cellpadding="0" cellspacing="0" width="100%" style="padding:2px"><tr><td style="width:18px;padding-right:4px"><a href="https://news.ycombinator.com"><img src="y18.svg" width="18" height="18" style="border:1px white solid; display:block"></a></td>\n` +
    `<td style="line-height:12pt; height:10px;"><span class="pagetop"><b class="hnname"><a href="news">Hacker News</a></b>\n` +
    `${nav}${note}</span></td><td style="text-align:right;padding-right:4px;"><span class="pagetop">\n` +
    `<a href="login?goto=${encodeURIComponent(goto)}">login</a>\n</span></td>\n</tr></table></td></tr>\n` +
    `<tr id="pagespace" title="${escapeHtml(pagespaceTitle)}" style="height:10px"></tr>${body}\n` +
    `<tr><td><img src="s.gif" height="10" width="0"><table width="100%" cellspacing="0" cellpadding="1"><tr><td bgcolor="#ff6600"></td></tr></table><br>\n` +
    `<center><span class="yclinks"><a href="newsguidelines.html">Guidelines</a> | <a href="newsfaq.html">FAQ</a> | <a href="lists">Lists</a> | <a href="https://github.com/HackerNews/API">API</a> | <a href="security.html">Security</a> | <a href="https://www.ycombinator.com/legal/">Legal</a> | <a href="https://www.ycombinator.com/apply/">Apply to YC</a> | <a href="mailto:hn@ycombinator.com">Contact</a></span><br><br>\n` +
    `<form method="get" action="//hn.algolia.com/">Search: <input type="text" name="q" size="17" autocorrect="off" spellcheck="false" autocapitalize="off" autocomplete="off"></form></center></td></tr></table></center></body>` +
    `<script type='text/javascript' src='${JS_SRC}'></script></html>\n`
  );
}

/** A story's two rows; `itemLinks` adds the links only its own page shows. */
function storyRows(story, { now, goto, rank = '', itemLinks = false }) {
  const titleHref = story.url ?? `item?id=${story.id}`;
  const sitebit = story.site
    ? `<span class="sitebit comhead"> (<a href="from?site=${story.site}"><span class="sitestr">${story.site}</span></a>)</span>`
    : '';
  const past = `https://hn.algolia.com/?query=${encodeURIComponent(story.title)}&amp;type=story&amp;dateRange=all&amp;sort=byDate&amp;storyText=false&amp;prefix&amp;page=0`;
  const extra = itemLinks
    ? `<a href="${past}" class="hnpast">past</a> | <a href="fave?id=${story.id}&amp;auth=${fakeToken(story.id)}">favorite</a> | `
    : '';
  return (
    `<tr class="athing submission" id="${story.id}"><td align="right" valign="top" class="title"><span class="rank">${rank}</span></td>` +
    `${voteCell(story.id, goto)}<td class="title"><span class="titleline"><a href="${titleHref}">${escapeHtml(story.title)}</a>${sitebit}</span></td></tr>` +
    `<tr><td colspan="2"></td><td class="subtext"><span class="subline"><span class="score" id="score_${story.id}">${story.points} points</span> by ` +
    `<a href="user?id=${story.by}" class="hnuser">${story.by}</a> ${ageSpan(story.id, now, { time: story.time, text: story.age })} <span id="unv_${story.id}"></span> | ` +
    `<a href="hide?id=${story.id}&amp;goto=${encodeURIComponent(goto)}">hide</a> | ` +
    `${extra}<a href="item?id=${story.id}">${story.comments}&nbsp;comments</a></span></td></tr>`
  );
}

export function storyPage(story, roots, now) {
  const goto = `item?id=${story.id}`;
  const head = storyRows(story, { now, goto, itemLinks: true });
  const toptext = story.toptext
    ? `<tr><td colspan="2"></td><td><div class="toptext">${story.toptext}</div></td></tr>`
    : '';
  const page = { now, voteGoto: goto, replyGoto: goto };
  return layout({
    op: 'item',
    title: `${story.title} | Hacker News`,
    pagespaceTitle: story.title,
    goto,
    body:
      `<tr><td><table class="fatitem" border="0">\n${head}${toptext}` +
      `<tr style="height:10px"></tr><tr><td colspan="2"></td><td></td></tr></table><br><br>\n` +
      `${commentTree(flatten(roots), page)}\n<br><br>\n</td></tr>`,
  });
}

function commentPageTitle(c) {
  const text = unescapeHtml(c.html.replace(/<[^>]+>/g, ' '));
  if (text.length <= 80) return text;
  return `${text.slice(0, 80).replace(/\s+\S*$/, '')}...`;
}

function commentPage(c, story, now) {
  const goto = `item?id=${c.id}`;
  const title = commentPageTitle(c);
  const page = { now, voteGoto: goto, replyGoto: goto };
  const focused = listRow(c, { now, voteGoto: goto, parentId: story.id, story });
  return layout({
    op: 'item',
    title: `${title} | Hacker News`,
    pagespaceTitle: title,
    goto,
    body:
      `<tr><td><table class="fatitem" border="0">\n${focused}` +
      `<tr style="height:10px"></tr><tr><td colspan="2"></td><td></td></tr></table><br><br>\n` +
      `${commentTree(flatten(c.kids, { maxIndent: COMMENT_PAGE_MAX_INDENT }), page)}\n<br><br>\n</td></tr>`,
  });
}

function moreRow(href) {
  return `<tr class="morespace" style="height:10px"></tr><tr><td colspan="2"></td><td class='title'><a href='${href}' class='morelink' rel='next'>More</a></td></tr>`;
}

function threadsPage(user, entries, now) {
  const goto = `threads?id=${user}`;
  const byId = new Map(entries.map((e) => [e.comment.id, e]));
  const page = {
    now,
    voteGoto: goto,
    replyGoto: goto,
    context: (c) =>
      ` | <a href="item?id=${byId.get(c.id).parentId}">parent</a> | <a href="item?id=${byId.get(c.id).story.id}#${c.id}" rel="nofollow">context</a>`,
    onstory: (c) => byId.get(c.id).story,
  };
  const rows = flatten(entries.map((e) => e.comment));
  const last = entries.at(-1).comment.id;
  return layout({
    op: 'threads',
    title: `${user}'s comments | Hacker News`,
    pagespaceTitle: `${user}'s comments`,
    goto,
    headerNote: `${user}'s comments`,
    body:
      `<tr><td>${commentTree(rows, page)}\n` +
      `<table border="0">${moreRow(`threads?id=${user}&amp;next=${last}`)}</table></td></tr>`,
  });
}

function newCommentsPage(entries, now) {
  const goto = 'newcomments';
  const rows = entries
    .map((e) =>
      listRow(e.comment, {
        now,
        voteGoto: goto,
        parentId: e.parentId,
        story: e.story,
        reply: true,
      }),
    )
    .join('<tr class="spacer" style="height:15px"></tr>\n');
  return layout({
    op: 'newcomments',
    title: 'New Comments | Hacker News',
    pagespaceTitle: 'New Comments',
    goto,
    topsel: 'newcomments',
    body:
      `<tr><td><table border="0">\n${rows}` +
      `${moreRow(`newcomments?next=${entries.at(-1).comment.id - 1}`)}</table></td></tr>`,
  });
}

// ---------------------------------------------------------------------------------------------
// The Kimi K2 thread. The motoboi subtree reproduces the seed; the rest is written for these
// fixtures, with one of each kind of comment HN renders differently.

export const KIMI_STORY = {
  id: STORY_ID,
  title: 'Kimi K2: Open Agentic Intelligence',
  url: 'https://moonshotai.github.io/Kimi-K2/',
  site: 'moonshotai.github.io',
  by: 'c4pt0r',
  points: 438,
};

const motoboiThread = comment(
  MOTOBOI_COMMENT_ID,
  'motoboi',
  [
    'What amazes me is why would someone spend millions to train this model and give it away for free. What is the business here?',
  ],
  [
    comment(
      44536118,
      'lanternfish',
      [
        'Chinese state that maybe sees open collaboration as the way to nullify any US lead in the field, concurrently if the next "search-winner" is built upon their model the Chinese worldview that Taiwan belongs to China and Tiamen Square massacre never happened.',
        'Also their license says that if you have a big product you need to promote them, remember how Google "gave away" site searche widgets and that was perhaps one of the major ways they gained recognition for being the search leader.',
        'OpenAI/NVidia is the Pets.com/Sun of our generation, insane valuations, stupid spend, expensive options, expensive hardware and so on.',
        "Sun hardware bought for 50k USD to run websites in 2000 are less capable than perhaps 5 dollar/month VPS's today?",
        '"Scaling to AGI/ASI" was always a fools errand, best case OpenAI should\'ve squirreled away money to have a solid engineering department that could focus on algorithmic innovations but considering that Antrophic, Google and Chinese firms have caught up or surpassed them it seems they didn\'t.',
        'Once things blows up, those closed options that had somewhat sane/solid model research that handles things better will be left and a ton of new competitors running modern/cheaper hardware and just using models are building blocks.',
      ],
      [
        comment(
          44536352,
          'hollowbit',
          [
            "I love how Tiananmen square is always brought up as some unique and tragic example of disinformation that could never occur in the west, as though western governments don't do the exact same thing with our worldview. Your veneer of cynicism scarcely hides the structure of naivety behind.",
          ],
          [
            comment(
              44536589,
              'prairie_dev',
              [
                "The difference is that, in the west, there's an acceptable counter narrative. I can tell you that Ruby Ridge and Waco never should've happened and were examples of government overreach and massacre of it's own citizens. Or <insert pet issue with the government here>",
                "You can't with Tiananmen square in China",
              ],
              [
                comment(44536931, 'hollowbit', [
                  "Sure, and that asymmetry is real. My point was narrower: every training corpus encodes somebody's consensus, and it's a lot easier to spot the other side's omissions than your own.",
                ]),
              ],
            ),
          ],
        ),
        comment(
          44536274,
          'strandedatlas',
          [
            '> Taiwan belongs to China',
            'So they are on the same page as the UN and US?',
            'The One China policy refers to a United States policy of strategic ambiguity regarding Taiwan.[1] In a 1972 joint communiqué with the PRC, the United States "acknowledges that all Chinese on either side of the Taiwan Strait maintain there is but one China and that Taiwan is a part of China" and "does not challenge that position."',
            'https://en.wikipedia.org/wiki/One_China https://en.wikipedia.org/wiki/Taiwan_and_the_United_Nations',
          ],
          [
            comment(44536503, 'mkessler', [
              'The One China policy is a fiction of foreign policy statecraft, designed to sideline the issue without having to actually deal with it. It is quite clear that apart from the official fiction there is a real policy that is not One China. This is made clear by the weapons sales to Taiwan that specifically calibrated to make a Chinese military action harder.',
            ]),
            comment(44537040, 'vaclav_p', [
              'Existence of an independent and effectively sovereign state on the island of Taiwan (however one calls it) is a fact. Whatever doublespeak governments of other countries or international organizations engage in due to political reasons does not change that.',
            ]),
          ],
        ),
      ],
    ),
    comment(44536166, 'jrmiller_42', [
      "Speculating: there are two connected businesses here, creating the models, and serving the models. Outside of a few moneyed outliers, no one is going to run this at home. So at worst opening this model allows mid-sized competitors to serve it to customers from their own infra -- which helps Kimi gain mindshare, particularly against the large incumbents who are definitely not going to be serving Kimi and so don't benefit from its openness.",
      'Given the shallowness of moats in the LLM market, optimizing for mindshare would not be the worst move.',
    ]),
    comment(44536227, 'tealfrog', [
      'Moonshot’s (Kimi’s owner) investors are Alibaba/Tencent et al. Chinese market is stupidly competitive, and there’s a general attitude of “household name will take it all”. However getting there requires having a WeChat-esque user base, through one way or another. If it’s paid, there’ll be friction and it won’t work. Plus, it undermines a lot of other companies, which is a win for a lot of people.',
    ]),
    comment(
      44536460,
      'oldsilicon',
      [
        'I think there is a book (Chip War) about how the USSR did not effectively participate in staying at the edge of the semiconductor revolution. And they have suffered for it.',
        'China has decided they are going to participate in the LLM/AGI/etc revolution at any cost. So it is a sunk cost, and the models are just an end product and any revenue is validation and great, but not essential. The cheaper price points keep their models used and relevant. It challenges the other (US, EU) models to innovate and keep ahead to justify their higher valuations (both monthly plan, and investor). Once those advances are made, it can be bought back to their own models. In effect, the currently leading models are running from a second place candidate who never gets tired and eventually does what they do at a lower price point.',
      ],
      [
        comment(44536772, 'bramblewick', [
          "In some way, the US won the cold war by spending so much on military that the USSR, in trying to keep up, collapsed. I don't see any parallels between that and China providing infinite free compute to their AI labs, why do you ask?",
        ]),
      ],
    ),
    comment(44536645, 'nfsroot', [
      '> What amazes me is why would someone spend millions to train this model and give it away for free. What is the business here?',
      'How many millions did Google spend on Android (acquisition and salaries), only to give it away for free?',
      "Usually, companies do this to break into a monopolized market (or one that's at risk of becoming one), with openness as a sweetener. IBM with Linux to break UNIX-on-big-iron domination, Google with Android vs. iPhone, Sun with OpenSolaris vs. Linux-on-x86.",
    ]),
    comment(44536845, 'quietcanal', [
      "All economically transformative technologies have done similar. If it's privatized, it's not gonna be transformative across the industry. The GPS, the internet, touchscreens, AI voice assistants, microchips, LCDs, etc were all publicly funded (or made by Bell Labs which had a state-mandated monopoly that forced them to open up their patents).",
      'The economist Mariana Mazzucato wrote a great book about this called The Entrepreneurial State: Debunking Public vs. Private Sector Myths',
    ]),
    comment(44537118, 'dusk_ferry', [
      "It's another state project funded at the discretion of the party.",
      'If you look at past state projects, profitability wasn\'t really considered much. They are notorious for a "Money hose until a diamond is found in the mountains of waste"',
    ]),
  ],
);

export const KIMI_THREAD = [
  comment(
    44535112,
    'fennwick',
    [
      "I've been running it through our internal agent harness since this morning (via OpenRouter). Tool-call formatting is noticeably more reliable than the other open-weight models we tried; it rarely invents arguments.",
      "It's slower per token than I'd like, but it finishes multi-step tasks in fewer turns, so wall-clock time comes out about even.",
    ],
    [
      comment(
        44535390,
        'marrowbyte',
        [
          'What context length are you getting? The model card says 128K but some of the hosted endpoints seem to cap it lower.',
        ],
        [
          comment(
            44535702,
            'fennwick',
            [
              'The provider we used advertised 128K but started erroring a little past 64K. Probably a serving limit rather than the model itself.',
            ],
            [
              comment(
                44536410,
                'sable_ridge',
                [
                  'Same experience. Long-context quality also seemed to fall off well before the hard limit, which is true of almost every model I have tested, open or closed.',
                ],
                [
                  comment(44537233, 'marrowbyte', [
                    'Do you have a public eval for that? Every time I try to measure long-context degradation I end up measuring my prompt instead.',
                  ]),
                ],
              ),
            ],
          ),
        ],
      ),
      comment(
        44535461,
        'anon_4471',
        [],
        [
          comment(44535988, 'dellcrest', [
            "Whatever you think of the lab, this isn't a useful way to make the point. The weights are public; if you think there's something hidden in them, show it.",
          ]),
        ],
        { state: 'flagged' },
      ),
    ],
  ),
  motoboiThread,
  comment(
    44535247,
    'quillon',
    [
      'The license is "modified MIT": if your product has more than 100 million monthly active users or makes more than $20 million a month, you have to display "Kimi K2" prominently in its user interface.',
      "That's a pretty mild ask compared to the Llama terms.",
    ],
    [
      comment(
        44535536,
        'p_okafor',
        [
          "Mild, but it still means it isn't open source in the OSI sense. People keep stretching that term.",
        ],
        [
          comment(44535861, 'quillon', [
            "Agreed on the term. In practice I'd take an attribution clause over an acceptable-use policy any day: one is checkable, the other is vibes.",
          ]),
        ],
      ),
      comment(44536059, 'greywacke', [
        'At 100M MAU you can afford to print a logo. This is aimed at maybe four companies.',
      ]),
    ],
    { collapsed: true },
  ),
  comment(
    44535633,
    'anselm_v',
    [
      'The most interesting part of the post to me is the training stability claim: 15.5T tokens with zero loss spikes. If that holds up, MuonClip might end up mattering more than the model.',
    ],
    [
      comment(
        44535914,
        'xq81',
        [],
        [
          comment(44536206, 'anselm_v', [
            'The clamp is the point, though: rescaling the query and key weights when attention logits blow up is what they credit for the stable run. The tech report should settle how much of it reproduces.',
          ]),
        ],
        { state: 'dead' },
      ),
    ],
  ),
  comment(44535079, 'birchwood_ml', [
    'Weights are on Hugging Face: https://huggingface.co/moonshotai/Kimi-K2-Instruct',
    'There is a base model too, for anyone who wants to fine-tune rather than use the instruct version.',
  ]),
  comment(
    44535820,
    'hypecycle_exit',
    [
      'Another week, another "open" model that tops some benchmark nobody uses for real work. Wake me up when one of these runs on a laptop.',
    ],
    [
      comment(44536127, 'rowan_te', [
        "It's a 1T-parameter MoE with 32B active; nobody claimed laptop. The point is that anyone can host it, fine-tune it and audit it, which you can't do with the closed frontier models.",
      ]),
    ],
    { tone: 'c5a' },
  ),
  comment(
    44535305,
    '',
    [],
    [
      comment(44535577, 'lumen_ash', [
        'For anyone wondering what MuonClip is: the Muon optimizer plus a step that rescales the query/key projections whenever attention logits get too large, which they say kept the whole run free of loss spikes.',
      ]),
    ],
    { state: 'deleted' },
  ),
];

function countComments(roots) {
  return roots.reduce((sum, c) => sum + (c.state ? 0 : 1) + countComments(c.kids), 0);
}

// ---------------------------------------------------------------------------------------------
// motoboi's threads page and the newcomments page: other stories, all invented.

const story = (id, title) => ({ id, title });

const MOTOBOI_THREADS = [
  {
    story: story(44556873, "Ask HN: What's your setup for running LLMs locally in 2025?"),
    parentId: 44557310,
    comment: comment(
      44558310,
      'motoboi',
      [
        'I went back to a single 3090 after trying to make a multi-GPU rig work. A 32B model at 4-bit fits, the fans are tolerable, and my electricity bill stopped being a topic at dinner.',
      ],
      [
        comment(
          44558561,
          'corvid_lab',
          ['How are you serving it? llama.cpp server, or something with batching?'],
          [
            comment(44558902, 'motoboi', [
              "llama.cpp server behind a tiny proxy that adds auth. I'm the only user, so batching never mattered.",
            ]),
          ],
        ),
      ],
    ),
  },
  {
    story: story(44547020, 'Why GPU clusters sit idle more than you think'),
    parentId: 44547020,
    comment: comment(
      44550480,
      'motoboi',
      [
        'Scheduling is the real bottleneck. We had a cluster at 40% utilisation for months until someone wrote a queue that understood gang scheduling.',
        'No new hardware, nearly double the throughput.',
      ],
      [
        comment(44551133, 'fjordline', [
          'Which scheduler did you end up with? Slurm, Kueue, something homegrown?',
        ]),
      ],
    ),
  },
  { story: KIMI_STORY, parentId: STORY_ID, comment: motoboiThread },
  {
    story: story(44518205, 'How Pix took over payments in Brazil'),
    parentId: 44518205,
    comment: comment(44521377, 'motoboi', [
      'The part outsiders miss is that Pix is free for individuals and cheap for merchants, so card fees suddenly had a visible competitor. The central bank did what a decade of fintech pitches could not.',
    ]),
  },
];

const NEWCOMMENT_STORIES = {
  kimi: KIMI_STORY,
  local: MOTOBOI_THREADS[0].story,
  gpu: MOTOBOI_THREADS[1].story,
  sqlite: story(44558012, 'Show HN: A vector search extension for SQLite in a single C file'),
  micro: story(44555120, 'The case against microservices, revisited'),
  notes: story(44554406, 'Ask HN: How do you take notes on what you read?'),
  btree: story(44557650, 'A visual guide to B-trees'),
  ci: story(44553311, 'Why your CI pipeline is slow and what to do about it'),
  tcp: story(44556021, 'Notes on writing a toy TCP stack'),
  pg: story(44549876, 'Lessons from running Postgres on a single node for ten years'),
  keyboard: story(44558733, 'I built a split keyboard from scratch, and it took two years'),
};

const NEWCOMMENTS = [
  [
    'sqlite',
    44559688,
    44558012,
    'cobaltreed',
    'How does it compare with sqlite-vss on recall at the same index size? A table in the README would save a lot of people an afternoon.',
  ],
  [
    'kimi',
    44559683,
    44537118,
    'ledgerline',
    'State funding does not explain the open weights, though. Plenty of state projects keep their results closed.',
  ],
  [
    'micro',
    44559679,
    44555120,
    'tamsin_r',
    'Most of the microservice pain I have seen came from splitting by org chart instead of by data ownership.',
  ],
  [
    'btree',
    44559674,
    44557650,
    'oakcask',
    'The animation for node splits is the clearest explanation I have seen. Bookmarking this for the next time someone asks me why databases love B-trees.',
  ],
  [
    'notes',
    44559670,
    44558840,
    'wrenfield',
    'Plain text files, one per book, and a grep alias. Anything fancier and I spend more time maintaining the system than reading.',
  ],
  [
    'local',
    44559666,
    44558902,
    'corvid_lab',
    'Fair. I went the other way and regretted it; vLLM is great until you are the only user and it holds 90% of your VRAM hostage.',
  ],
  [
    'ci',
    44559661,
    44553311,
    'hexfield',
    'Caching dependencies gave us 40%. Deleting the tests nobody had looked at in three years gave us another 30%.',
  ],
  [
    'tcp',
    44559657,
    44556021,
    'ninefold',
    'Writing the retransmission timer is where it stops being a toy. The RFC reads simple and the edge cases are endless.',
  ],
  [
    'pg',
    44559652,
    44549876,
    'saltmarsh',
    'Ten years on one node is underrated. Most of our outages came from the failover machinery, not from the database.',
  ],
  [
    'keyboard',
    44559648,
    44558733,
    'ortho_lin',
    'Two years sounds about right. The firmware is the easy part; the case and the wiring are where the time goes.',
  ],
  [
    'gpu',
    44559643,
    44551133,
    'motoboi',
    'Kueue on our own Kubernetes cluster, with a priority class per team. Slurm would have worked too; the hard part was agreeing on quotas.',
  ],
  [
    'kimi',
    44559639,
    44533403,
    'mira_lund',
    'Tried it on a refactoring task across a dozen files. It kept track of the plan better than I expected and only lost the thread once.',
  ],
  [
    'micro',
    44559634,
    44559102,
    'brackish',
    'Data ownership is the right cut, but it assumes you know your domain before you have users. Most teams do not.',
  ],
  [
    'sqlite',
    44559630,
    44559311,
    'feldspar_io',
    'Single C file is the feature for me. I can vendor it into an embedded project without a build system argument.',
  ],
  [
    'notes',
    44559625,
    44554406,
    'papergrain',
    'Index cards. Physically shuffling them is the closest I have come to a thinking tool that works.',
  ],
  [
    'btree',
    44559621,
    44558166,
    'quernstone',
    'Worth adding that the fan-out is what makes them fast on disk; the animation makes it look like a binary tree with extra steps.',
  ],
  [
    'ci',
    44559616,
    44559061,
    'tollgate',
    'Also look at how many jobs you run on every push that only matter before a release.',
  ],
  [
    'pg',
    44559612,
    44551702,
    'hollis_k',
    'What did you do for backups? pgBackRest, or plain base backups and WAL archiving?',
  ],
  [
    'tcp',
    44559607,
    44559240,
    'larchmont',
    'Do you handle out-of-order segments, or just drop them and let the sender retransmit?',
  ],
  [
    'keyboard',
    44559603,
    44558733,
    'tenkeyless',
    'Beautiful build. What switches did you end up with after all that?',
  ],
].map(([key, id, parentId, by, text]) => ({
  story: NEWCOMMENT_STORIES[key],
  parentId,
  comment: comment(id, by, [text]),
}));

// ---------------------------------------------------------------------------------------------

function assertUniqueIds(pages) {
  for (const [name, html] of Object.entries(pages)) {
    const ids = [...html.matchAll(/<tr class='athing[^']*' id='(\d+)'/g)].map((m) => m[1]);
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (dupes.length) throw new Error(`${name}: duplicate comment ids ${dupes.join(', ')}`);
  }
}

/** The four hand-made pages, keyed by file name. */
/**
 * The saved story page without the given comment rows, as it was before those replies arrived:
 * a later plain load of the real page brings them as new.
 */
export function storyWithout(ids) {
  let html = readFileSync(join(FIXTURE_DIR, FILES.story), 'utf8');
  for (const id of ids) {
    html = html.replace(
      new RegExp(`<tr class='athing comtr' id='${id}'>[\\s\\S]*?</table></td></tr>`),
      '',
    );
  }
  return html;
}

export function renderFixturePages() {
  const storyWithCount = { ...KIMI_STORY, comments: countComments(KIMI_THREAD) };
  const pages = {
    [FILES.story]: storyPage(storyWithCount, KIMI_THREAD, NOW),
    [FILES.comment]: commentPage(motoboiThread, KIMI_STORY, NOW),
    [FILES.threads]: threadsPage('motoboi', MOTOBOI_THREADS, NOW),
    [FILES.newcomments]: newCommentsPage(NEWCOMMENTS, NOW),
  };
  assertUniqueIds(pages);
  return pages;
}

export function writeFixturePages(dir = FIXTURE_DIR) {
  mkdirSync(dir, { recursive: true });
  const pages = renderFixturePages();
  for (const [name, html] of Object.entries(pages)) writeFileSync(join(dir, name), html);
  return Object.keys(pages).map((name) => join(dir, name));
}

// ---------------------------------------------------------------------------------------------
// Benchmark page.

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The real comments of the 2023 fixture: author, text class and body HTML. */
export function legacyComments(html) {
  const rows = [
    ...html.matchAll(/<tr class="athing comtr" id="\d+">([\s\S]*?)<div class="reply">/g),
  ];
  return rows.map(([, row]) => {
    const by = /class="hnuser">([^<]+)</.exec(row);
    const text = /<span class="commtext (c[0-9a-f]{2})">([\s\S]*?)<\/span>\s*$/.exec(row);
    if (!by || !text) throw new Error('unexpected comment row in the 2023 fixture');
    return { by: by[1], tone: text[1], html: text[2] };
  });
}

const BENCH_MAX_INDENT = 8;

const benchStory = (comments, id = BENCH_STORY_ID, variant = '') => ({
  id,
  title: `Ask HN: What are the best papers you read in your life? (${comments.toLocaleString('en-US')}-comment copy${variant})`,
  by: 'toombowoombo',
  points: 225,
  comments,
  toptext:
    'I&#x27;m trying to get an understanding on what quality means in terms of publishing research and I learn best through examples. Any recommendation is highly appreciated ^^.<p>I&#x27;m also interested in papers from many disciplines, so the wider the range of domains, the higher the value!',
});

// Mostly shallow threads with the odd deep exchange, like a busy HN story: a row goes one level
// deeper 45% of the time, stays a sibling 30%, and otherwise climbs back towards the top.
// `top` is the shallowest depth the walk may climb back to: 1 for the replies of one subthread.
function benchDepths(count, random, top = 0) {
  const depths = [top];
  while (depths.length < count) {
    const prev = depths.at(-1);
    const r = random();
    if (r < 0.45 && prev < BENCH_MAX_INDENT) depths.push(prev + 1);
    else if (r < 0.75) depths.push(prev);
    else depths.push(random() < 0.4 ? top : top + Math.floor(random() * (prev - top)));
  }
  return depths;
}

/**
 * The depths of `count` rows of which one top-level comment, near the middle of the page, has
 * exactly `replies` replies below it, for timing a fold of that one subthread.
 */
function bigSubthreadDepths(count, replies, random) {
  const rest = benchDepths(count - replies - 1, random);
  const subthread = [0, ...benchDepths(replies, random, 1)];
  let at = Math.floor(rest.length / 2);
  while (at < rest.length && rest[at] !== 0) at++;
  return [...rest.slice(0, at), ...subthread, ...rest.slice(at)];
}

/**
 * A story page with `comments` comment rows whose bodies and authors are the real ones of the
 * 2023 fixture, reused round-robin under new unique ids (story id + 1, + 2, …), in a random but
 * valid tree of depth 0–8 (seeded, so the same options always give the same page).
 * `bigSubthread` gives one top-level comment exactly that many replies, all on the page.
 */
export function renderBenchPage({
  comments = 3000,
  seed = 20250711,
  storyId = BENCH_STORY_ID,
  bigSubthread = 0,
  sourceHtml = readFileSync(join(FIXTURE_DIR, FILES.legacy), 'utf8'),
} = {}) {
  const sources = legacyComments(sourceHtml);
  const random = mulberry32(seed);
  const depths =
    bigSubthread > 0
      ? bigSubthreadDepths(comments, bigSubthread, random)
      : benchDepths(comments, random);
  const roots = [];
  const stack = [];
  depths.forEach((depth, i) => {
    const src = sources[i % sources.length];
    // Each pass over the real rows gets its own authors (pg, pg2, pg3…), so a 3,000-comment
    // thread has as many people in it as a real one, which user tags are measured against.
    const pass = Math.floor(i / sources.length);
    const by = src.by && pass > 0 ? `${src.by}${pass + 1}` : src.by;
    const c = { id: storyId + 1 + i, by, html: src.html, tone: src.tone, kids: [] };
    stack.length = depth;
    (depth === 0 ? roots : stack[depth - 1].kids).push(c);
    stack.push(c);
  });
  const variant =
    bigSubthread > 0 ? `, one ${bigSubthread.toLocaleString('en-US')}-reply subthread` : '';
  return storyPage(
    benchStory(comments, storyId, variant),
    roots,
    timeOf(storyId + comments) + 3600,
  );
}

/** The generated benchmark pages, by file name: what renderBenchPage makes each from. */
export const BENCH_PAGES = {
  [FILES.bench]: {},
  [FILES.benchSubthread]: { storyId: SUBTHREAD_STORY_ID, bigSubthread: 1000 },
};

export function writeBenchPage(outFile = join(FIXTURE_DIR, FILES.bench), options) {
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, renderBenchPage(options));
  return outFile;
}

// ---------------------------------------------------------------------------------------------
// Pages the fixture server renders on the fly.

/** A front page listing the demo threads. */
export function renderFrontPage() {
  const listed = [
    { ...KIMI_STORY, comments: countComments(KIMI_THREAD) },
    {
      id: LEGACY_STORY_ID,
      title: 'Ask HN: What are the best papers you read in your life?',
      by: 'toombowoombo',
      points: 225,
      comments: 100,
      time: Date.UTC(2023, 6, 21, 18, 4, 1) / 1000,
      age: 'on Jul 21, 2023',
    },
    benchStory(3000),
  ];
  const rows = listed
    .map((s, i) => storyRows(s, { now: NOW, goto: 'news', rank: `${i + 1}.` }))
    .join('<tr class="spacer" style="height:5px"></tr>\n');
  return layout({
    op: 'news',
    title: 'Hacker News',
    goto: 'news',
    body: `<tr id="bigbox"><td><table border="0" cellpadding="0" cellspacing="0">\n${rows}<tr class="spacer" style="height:5px"></tr>\n</table></td></tr>`,
  });
}

/** A user's profile page; karma and creation date are derived from the name. */
export function renderUserPage(name) {
  const seed = [...name].reduce(
    (h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0,
    2166136261,
  );
  const created = Date.UTC(2012, 0, 1) / 1000 + (seed % (12 * 365)) * 86400;
  const day = isoSeconds(created).slice(0, 10);
  const shown = new Date(created * 1000).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const user = escapeHtml(name);
  const query = encodeURIComponent(name);
  const links = [
    ['submitted', 'submissions'],
    ['threads', 'comments'],
    ['favorites', 'favorites'],
  ]
    .map(
      ([path, label]) =>
        `<tr><td></td><td><a href="${path}?id=${query}"><u>${label}</u></a></td></tr>`,
    )
    .join('\n');
  return layout({
    op: 'user',
    title: `Profile: ${name} | Hacker News`,
    pagespaceTitle: `Profile: ${name}`,
    goto: `user?id=${name}`,
    body:
      `<tr><td><table border="0">\n<tr><td valign="top">user:</td><td timestamp="${created}"><a href="user?id=${query}" class="hnuser">${user}</a></td></tr>\n` +
      `<tr><td valign="top">created:</td><td><a href="front?day=${day}&amp;birth=${query}">${shown}</a></td></tr>\n` +
      `<tr><td valign="top">karma:</td><td>${(seed % 9000) + 120}</td></tr>\n` +
      `<tr><td valign="top">about:</td><td style="overflow:hidden;"></td></tr>\n${links}\n</table><br><br></td></tr>`,
  });
}

/** What the server answers for anything it has no page for. */
export function renderNotFoundPage() {
  return layout({
    op: 'item',
    title: 'Hacker News',
    goto: 'news',
    body: '<tr><td>No such item.</td></tr>',
  });
}

// ---------------------------------------------------------------------------------------------

function main(args) {
  const [flag, out] = args;
  const page = { '--bench': FILES.bench, '--bench-subthread': FILES.benchSubthread }[flag];
  if (flag !== undefined) {
    if (!page || !out) {
      console.error('usage: node tests/kit/hn-pages.mjs [--bench | --bench-subthread <out.html>]');
      process.exitCode = 2;
      return;
    }
    console.log(`wrote ${writeBenchPage(resolve(out), BENCH_PAGES[page])}`);
    return;
  }
  for (const file of writeFixturePages()) console.log(`wrote ${file}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
