import { call, language, showProblem, translate, clearProblem } from './console.js';

const select = document.getElementById('language');
select.value = language();
select.addEventListener('change', () => { localStorage.setItem('ticketloop.language', select.value); translate(); });
translate();

// the first GET of the page set the CSRF cookie; a sign-in is a change like any other
document.getElementById('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearProblem();
  try {
    await call('POST', '/session', { key: document.getElementById('key').value });
    const next = new URLSearchParams(location.search).get('next');
    // only a path of this console, never another site
    location.assign(next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
  } catch (e) {
    showProblem(e);
  }
});
