// Small DOM helpers: no framework, just elements.

/** @param {string} id @returns {any} */
export const byId = (id) => document.getElementById(id);

/**
 * Creates an element with attributes (`class`, `data-*`, `aria-*`, properties such as `textContent`)
 * and children. Text is always set as text, never parsed as HTML.
 * @param {string} tag
 * @param {Record<string, any>} [attributes]
 * @param {...(Node | string | null | undefined | false)} children
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key in element && !key.includes('-') && key !== 'list') element[key] = value;
    else element.setAttribute(key === 'className' ? 'class' : key, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** `14:05`, or the date when it is not today. */
export function shortTime(epochMs) {
  const date = new Date(epochMs);
  const today = new Date();
  return date.toDateString() === today.toDateString()
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString([], { month: 'short', day: 'numeric' });
}
