// The Vtiger call budget on the Queue screen: limits, calls used this minute and today, a pause after Vtiger's 429,
// and when what is queued (and what running backfills have still to queue) will be synced at the budget's pace.
import { h, clear } from './dom.js';
import { get } from './api.js';

export function budgetPanel() {
  return h('div', { id: 'queue-budget', class: 'budget' });
}

const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');

export async function loadBudget(panel) {
  let b;
  try {
    b = await get('/admin/budget');
  } catch (err) {
    clear(panel, h('p', { class: 'error-text' }, `Vtiger call budget: ${err.message}`));
    return;
  }
  const perMinute = b.limits.callsPerMinute;
  const perDay = b.limits.callsPerDay;
  const window = b.limits.window === 'PT1M' ? 'minute' : b.limits.window;
  const lines = [
    h('p', { id: 'budget-limits' }, perMinute == null && perDay == null ? 'Vtiger calls: unlimited'
      : `Vtiger calls: ${perMinute == null ? 'unlimited' : `${b.used.thisWindow} of ${perMinute} this ${window}`}`
        + `, ${perDay == null ? 'no daily limit' : `${b.used.today} of ${perDay} today`}`),
  ];
  if (b.pausedUntil) {
    lines.push(h('p', { id: 'budget-pause', class: 'error-text' },
      `Paused until ${when(b.pausedUntil)}: ${b.pauseReason || 'Vtiger answered 429'}`));
  }
  const running = Object.entries(b.backfills || {}).filter(([, p]) => p.status === 'running')
    .map(([type, p]) => `${type} ${p.queued} of ${p.total} queued`);
  if (b.estimate.calls > 0) {
    lines.push(h('p', { id: 'budget-estimate' }, `About ${b.estimate.calls} calls to go`
      + (running.length ? ` (backfill: ${running.join(', ')})` : '')
      + (b.estimate.doneBy ? `; done by ${when(b.estimate.doneBy)} at the budget's pace` : '')));
  }
  clear(panel, ...lines);
}
