/**
 * The portal's front page until the web UI arrives: who is signed in (with roles and teams), sign-in with
 * a password or single sign-on, sign-out, and where the API is. Plain DOM, text only (never innerHTML), so
 * that nothing a user typed can become markup.
 */
export const LANDING_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portico</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1f2328}
form{display:grid;gap:.5rem;max-width:20rem}input,button{font:inherit;padding:.4rem .6rem}
.error{color:#b42318}.muted{color:#59636e}[hidden]{display:none!important}
</style></head>
<body>
<h1>Portico</h1>
<p id="error" class="error" role="alert" hidden></p>
<section id="signed-in" hidden>
  <p>Signed in as <strong id="user-email"></strong> (<span id="user-roles"></span>).</p>
  <p>Teams: <span id="user-teams"></span></p>
  <button id="sign-out" type="button">Sign out</button>
</section>
<section id="signed-out" hidden>
  <h2>Sign in</h2>
  <form id="sign-in">
    <label>Email <input id="email" name="email" type="email" autocomplete="username" required></label>
    <label>Password <input id="password" name="password" type="password" autocomplete="current-password" required></label>
    <button type="submit">Sign in</button>
  </form>
  <p id="sso" hidden><a id="sso-link" href="/auth/sso/login">Sign in with <span id="sso-name"></span></a></p>
</section>
<p class="muted">The API follows Port's: get a token with <code>POST /v1/auth/access_token</code>, then call
<code>/v1/blueprints</code>, <code>/v1/entities/search</code> and the rest, described at
<a href="/openapi.json">/openapi.json</a>. Health: <a href="/healthz">/healthz</a>, readiness: <a href="/readyz">/readyz</a>.</p>
<script src="/landing.js" defer></script>
</body></html>`;

export const LANDING_JS = `'use strict';
const $ = (id) => document.getElementById(id);
let csrfToken = '';
function showError(message) { $('error').textContent = message; $('error').hidden = !message; }
async function refresh() {
  const session = await fetch('/auth/session', { credentials: 'same-origin' });
  if (session.ok) {
    const body = await session.json();
    csrfToken = body.csrfToken;
    $('user-email').textContent = body.user.email;
    $('user-roles').textContent = body.user.roles.join(', ');
    $('user-teams').textContent = body.user.teams.length ? body.user.teams.join(', ') : 'none';
  }
  $('signed-in').hidden = !session.ok;
  $('signed-out').hidden = session.ok;
  if (!session.ok) {
    const sso = await (await fetch('/auth/sso')).json();
    $('sso').hidden = !sso.enabled;
    if (sso.enabled) $('sso-name').textContent = sso.name;
  }
}
$('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const response = await fetch('/auth/login', {
    method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: $('email').value, password: $('password').value }),
  });
  $('password').value = '';
  showError(response.ok ? '' : (await response.json()).message);
  await refresh();
});
$('sign-out').addEventListener('click', async () => {
  await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrfToken } });
  await refresh();
});
showError(new URLSearchParams(location.search).get('error') || '');
refresh();
`;
