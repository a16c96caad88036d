// Regenerates icons/icon-{16,32,48,128}.png and icons/icon.svg.
// Run: node scripts/make-icons.mjs
//
// No dependencies on purpose: the icons are build inputs, and pulling in an
// image library just to rasterise a speech bubble is not worth the supply-chain
// surface. Shapes are signed-distance functions; coverage comes from dense
// supersampling, which gives true area antialiasing on every edge.

import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'icons');

// Strong orange reads on both light and dark browser toolbars; white marks on
// it stay legible down to 16 px.
const BUBBLE = [0xe8, 0x59, 0x0c];
const MARK = [0xff, 0xff, 0xff];

// Master geometry on a 128-unit canvas. The SVG uses it verbatim and the
// larger PNGs scale it, so every size shows the same mark.
const MASTER = {
  body: { x0: 8, y0: 10, x1: 120, y1: 90, r: 26 },
  // Tail is a triangle grown by `r`, so its tip is rounded like the body.
  tail: {
    pts: [
      [30, 80],
      [62, 80],
      [22, 114],
    ],
    r: 6,
  },
  lines: [
    { x0: 34, x1: 94, y: 38, h: 13, r: 6.5 },
    { x0: 34, x1: 74, y: 62, h: 13, r: 6.5 },
  ],
};

function scaleGeometry(g, s, o) {
  const at = (v) => v * s + o;
  return {
    body: {
      x0: at(g.body.x0),
      y0: at(g.body.y0),
      x1: at(g.body.x1),
      y1: at(g.body.y1),
      r: g.body.r * s,
    },
    tail: { pts: g.tail.pts.map(([px, py]) => [at(px), at(py)]), r: g.tail.r * s },
    lines: g.lines.map((l) => ({ x0: at(l.x0), x1: at(l.x1), y: at(l.y), h: l.h * s, r: l.r * s })),
  };
}

// Small sizes are hand-placed in pixel units. Scaling the master would put
// the white lines on half-pixel boundaries and smear them into grey; here
// every straight edge sits on the pixel grid and strokes are relatively
// thicker so the two lines survive as two distinct lines.
const TUNED = {
  16: {
    body: { x0: 1, y0: 1, x1: 15, y1: 11, r: 3 },
    tail: {
      pts: [
        [3.5, 10],
        [8, 10],
        [2.6, 14.6],
      ],
      r: 0.4,
    },
    lines: [
      { x0: 4, x1: 12, y: 4, h: 2, r: 0 },
      { x0: 4, x1: 9, y: 8, h: 2, r: 0 },
    ],
  },
  32: {
    body: { x0: 2, y0: 2, x1: 30, y1: 22, r: 6.5 },
    tail: {
      pts: [
        [7.5, 20],
        [15.5, 20],
        [5.5, 28.5],
      ],
      r: 1.2,
    },
    lines: [
      { x0: 8, x1: 24, y: 8.5, h: 3, r: 1.5 },
      { x0: 8, x1: 19, y: 15.5, h: 3, r: 1.5 },
    ],
  },
};

// Chrome's guidance for the 128 px icon is a 96 px mark inside 16 px of
// transparent padding, so it sits at the same visual weight as other
// extensions on the store and chrome://extensions.
const PADDING = { 128: 16 };

// Larger sizes scale the master, then snap straight edges to whole pixels so
// the white lines keep hard edges instead of a grey fringe.
function snapped(g) {
  const r = Math.round;
  return {
    body: { ...g.body, x0: r(g.body.x0), y0: r(g.body.y0), x1: r(g.body.x1), y1: r(g.body.y1) },
    tail: g.tail,
    lines: g.lines.map((l) => {
      const h = r(l.h);
      const top = r(l.y - h / 2);
      // Master lines are capsules, so the cap radius follows the snapped height.
      return { x0: r(l.x0), x1: r(l.x1), y: top + h / 2, h, r: h / 2 };
    }),
  };
}

function geometryFor(size) {
  if (TUNED[size]) return TUNED[size];
  const pad = PADDING[size] ?? 0;
  return snapped(scaleGeometry(MASTER, (size - 2 * pad) / 128, pad));
}

// --- Signed distance functions (negative inside) -------------------------

function sdRoundRect(px, py, { x0, y0, x1, y1, r }) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(px - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(py - cy) - ((y1 - y0) / 2 - r);
  const ox = Math.max(qx, 0);
  const oy = Math.max(qy, 0);
  return Math.hypot(ox, oy) + Math.min(Math.max(qx, qy), 0) - r;
}

function sdSegment(px, py, ax, ay, bx, by) {
  const abx = bx - ax;
  const aby = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * abx + (py - ay) * aby) / (abx * abx + aby * aby)));
  return Math.hypot(px - ax - abx * t, py - ay - aby * t);
}

function sdTriangle(px, py, pts) {
  let d = Infinity;
  let inside = true;
  let sign = 0;
  for (let i = 0; i < 3; i++) {
    const [ax, ay] = pts[i];
    const [bx, by] = pts[(i + 1) % 3];
    d = Math.min(d, sdSegment(px, py, ax, ay, bx, by));
    // Same-side test works for either winding order.
    const cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
    const s = Math.sign(cross);
    if (s !== 0) {
      if (sign === 0) sign = s;
      else if (s !== sign) inside = false;
    }
  }
  return inside ? -d : d;
}

function sdBubble(px, py, g) {
  return Math.min(sdRoundRect(px, py, g.body), sdTriangle(px, py, g.tail.pts) - g.tail.r);
}

function sdLines(px, py, g) {
  let d = Infinity;
  for (const l of g.lines) {
    d = Math.min(
      d,
      sdRoundRect(px, py, { x0: l.x0, x1: l.x1, y0: l.y - l.h / 2, y1: l.y + l.h / 2, r: l.r }),
    );
  }
  return d;
}

// --- Rasteriser ------------------------------------------------------------

// 16x16 samples per pixel = 256 coverage levels, i.e. as fine as 8-bit alpha.
const SS = 16;

function render(size) {
  const g = geometryFor(size);
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bubble = 0;
      let mark = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const px = x + (sx + 0.5) / SS;
          const py = y + (sy + 0.5) / SS;
          if (sdBubble(px, py, g) > 0) continue;
          if (sdLines(px, py, g) <= 0) mark++;
          else bubble++;
        }
      }
      const n = SS * SS;
      const covered = bubble + mark;
      const i = (y * size + x) * 4;
      if (covered === 0) continue;
      // Average colour over covered samples only: PNG stores straight
      // (un-premultiplied) alpha, so edge pixels must keep full-strength colour.
      for (let c = 0; c < 3; c++) {
        rgba[i + c] = Math.round((BUBBLE[c] * bubble + MARK[c] * mark) / covered);
      }
      rgba[i + 3] = Math.round((255 * covered) / n);
    }
  }
  return rgba;
}

// --- PNG encoder -----------------------------------------------------------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  // Filter type 0 on every row: the images are tiny, so smarter filtering
  // would save bytes nobody notices at the cost of more code.
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- SVG -------------------------------------------------------------------

function hex([r, g, b]) {
  return '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
}

function makeSvg() {
  const { body, tail, lines } = MASTER;
  const fill = hex(BUBBLE);
  const mark = hex(MARK);
  const tri = tail.pts.map(([x, y]) => `${x},${y}`).join(' ');
  // The tail is drawn as the SDF does it: the triangle plus a round-joined
  // stroke of width 2r, which is exactly "triangle grown by r".
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">',
    '  <title>Threadnote</title>',
    `  <rect x="${body.x0}" y="${body.y0}" width="${body.x1 - body.x0}" height="${body.y1 - body.y0}" rx="${body.r}" fill="${fill}"/>`,
    `  <polygon points="${tri}" fill="${fill}" stroke="${fill}" stroke-width="${tail.r * 2}" stroke-linejoin="round"/>`,
    ...lines.map(
      (l) =>
        `  <rect x="${l.x0}" y="${l.y - l.h / 2}" width="${l.x1 - l.x0}" height="${l.h}" rx="${l.r}" fill="${mark}"/>`,
    ),
    '</svg>',
    '',
  ].join('\n');
}

// --- Main ------------------------------------------------------------------

mkdirSync(OUT_DIR, { recursive: true });
for (const size of [16, 32, 48, 128]) {
  const file = join(OUT_DIR, `icon-${size}.png`);
  writeFileSync(file, encodePng(size, render(size)));
  console.log(`wrote ${file}`);
}
writeFileSync(join(OUT_DIR, 'icon.svg'), makeSvg());
console.log(`wrote ${join(OUT_DIR, 'icon.svg')}`);
