// The banner on top of every screen while a failure of the connection pauses the sync (GET /admin/pause): which
// system, why, since when; gone once a check of the connection succeeds. Every value is shown as text.
import { get } from './api.js';

const EVERY_MS = 10000;
let timer = null;

export async function refreshPause() {
  const banner = document.getElementById('pause-banner');
  if (!banner) return;
  let state;
  try {
    state = await get('/admin/pause');
  } catch (err) {
    return; // the screens say what failed; the banner keeps what it knew
  }
  if (!state || !state.paused) {
    banner.hidden = true;
    banner.textContent = '';
    return;
  }
  const system = state.system === 'magento' ? 'Magento' : 'Vtiger';
  banner.textContent = `Sync paused since ${state.since}: the ${system} connection failed: ${state.reason}. `
    + `Nothing is lost: queued items wait without an attempt counted. Fix the connection on the Configuration `
    + `screen; it is checked again from ${state.nextCheck}.`;
  banner.hidden = false;
}

/** Keeps the banner current while the console is open (and at once). */
export function watchPause() {
  refreshPause();
  if (timer === null) timer = setInterval(refreshPause, EVERY_MS);
}

export function stopWatchingPause() {
  if (timer !== null) clearInterval(timer);
  timer = null;
  const banner = document.getElementById('pause-banner');
  if (banner) banner.hidden = true;
}
