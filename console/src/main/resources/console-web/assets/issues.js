// Known issues ranked by the customers they affect (insights-service's report to engineering).
import { call, element, showProblem, start, term } from './console.js';

async function load() {
  const state = document.getElementById('state').value;
  const report = await call('GET', `/api/insights/reports/engineering?state=${state}&limit=200`);
  const rows = (report.rows || []).map((i) => element('tr', { 'data-issue': i.key },
    element('td', {}, element('a', { href: '/issues/' + encodeURIComponent(i.key), text: i.key }), ' ', i.title || ''),
    element('td', { text: term(i.state) }), element('td', { text: String(i.distinctCustomers) }),
    element('td', { text: String(i.linkedTickets) }), element('td', { text: String(i.openTickets) }),
    element('td', { text: i.ageDays ?? '' }), element('td', { text: i.version || '' }),
    element('td', { text: i.meanRating != null ? i.meanRating.toFixed(1) : '—' })));
  document.querySelector('#issues tbody').replaceChildren(...rows);
  document.getElementById('empty').hidden = rows.length > 0;
}

try {
  await start('issues');
  document.getElementById('state').addEventListener('change', () => load().catch(showProblem));
  await load();
} catch (e) {
  showProblem(e);
}
