// A message's ticks, drawn as inline SVG: a font may not have ✓ or 🕓 (a fresh Debian with Chromium
// shows a missing glyph), but every browser draws a path. The colour is the text's (currentColor),
// so the read ticks take the theme's --read colour from CSS. Screen readers get the label as text.

import { h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const CHECK = 'M1.5 6.5 4.75 9.75 11 2.5';
const SECOND_CHECK = 'M7.75 9.75 14 2.5';
/** Drawings on an 18 × 12 grid: a clock, one check, two checks. */
const DRAWINGS = {
  pending: [['circle', { cx: 9, cy: 6, r: 5 }], ['path', { d: 'M9 3.25V6l2 1.5' }]],
  sent: [['path', { d: CHECK }]],
  delivered: [['path', { d: CHECK }], ['path', { d: SECOND_CHECK }]],
  read: [['path', { d: CHECK }], ['path', { d: SECOND_CHECK }]],
};
const LABELS = { pending: 'sending', sent: 'sent', delivered: 'delivered', read: 'read' };

function svg(tag, attributes) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/** @param {'pending' | 'sent' | 'delivered' | 'read'} status */
export function ticks(status) {
  const drawing = svg('svg', {
    viewBox: '0 0 18 12', 'aria-hidden': 'true', focusable: 'false', fill: 'none', stroke: 'currentColor',
    'stroke-width': 1.75, 'stroke-linecap': 'round', 'stroke-linejoin': 'round',
  });
  drawing.append(...DRAWINGS[status].map(([tag, attributes]) => svg(tag, attributes)));
  return h('span', { className: 'ticks', 'data-status': status, title: LABELS[status] },
    drawing, h('span', { className: 'visually-hidden' }, `, ${LABELS[status]}`));
}
