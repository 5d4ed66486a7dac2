// @ts-check
import { labels } from './labels.js';
import { escapeHtml } from './markdown.js';

/** @typedef {{ simulatedAt: number | null, timeZone: string }} ClockView */

/**
 * The simulated time in the banner, with the way back to real time. It ticks on in the page
 * from the instant the server last reported, as the server's clock runs on, so the page
 * need not ask the server every minute.
 * @param {HTMLElement} element
 * @param {() => void} useRealTime
 */
export function clockBadge(element, useRealTime) {
  element.innerHTML = `<span class="clock-time"></span><button type="button" class="clock-real">${escapeHtml(labels.realTime)}</button>`;
  const time = /** @type {HTMLElement} */ (element.querySelector('.clock-time'));
  /** @type {HTMLButtonElement} */ (element.querySelector('.clock-real')).addEventListener('click', useRealTime);
  /** @type {{ view: ClockView, receivedAt: number } | null} */
  let current = null;
  const draw = () => {
    const at = current?.view.simulatedAt ?? null;
    element.hidden = at === null;
    if (at === null || !current) return;
    const text = labels.simulatedTime(new Date(at + Date.now() - current.receivedAt), current.view.timeZone);
    if (time.textContent !== text) time.textContent = text;
  };
  setInterval(draw, 1000);
  return {
    /** A new view from the server: its clock as of now. @param {ClockView} view */
    show(view) {
      current = { view, receivedAt: Date.now() };
      draw();
    },
  };
}
