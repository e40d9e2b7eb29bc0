// Refreshing a screen by itself while it is visible: polls `refresh` (which answers whether anything changed) every
// `min` ms, doubling the wait up to `max` while nothing changes and back to `min` on a change; nothing while the tab
// is hidden (one poll at once when it shows again); nothing after stop(), which a screen calls when it is left.
export function live(refresh, { min = 2000, max = 30000, onState = () => {} } = {}) {
  let delay = min;
  let timer = null;
  let running = false;
  let stopped = false;

  async function tick() {
    timer = null;
    if (stopped || document.hidden) return;
    running = true;
    let changed = false;
    try {
      changed = await refresh();
    } catch (err) {
      changed = false; // the screen shows the error; keep backing off
    }
    running = false;
    delay = changed ? min : Math.min(delay * 2, max);
    schedule();
  }

  function schedule() {
    if (stopped || running || timer) return;
    if (document.hidden) {
      onState('paused');
      return;
    }
    onState('live', delay);
    timer = setTimeout(tick, delay);
  }

  function now() {
    delay = min;
    clearTimeout(timer);
    timer = null;
    if (!running) tick();
  }

  const visibility = () => {
    if (document.hidden) {
      clearTimeout(timer);
      timer = null;
      onState('paused');
    } else {
      now();
    }
  };
  document.addEventListener('visibilitychange', visibility);
  schedule();
  return {
    /** Refresh at once (after an action, or another status chosen) and start again from the shortest wait. */
    now,
    stop() {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', visibility);
    },
  };
}
