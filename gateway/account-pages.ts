import { Router } from 'express';

/**
 * `/verify-email` and `/reset-password`: the pages the emailed links open when `PUBLIC_URL` is
 * the gateway (development, or a deployment without its own storefront pages). Each is a form
 * that calls the public GraphQL API from the browser; a button press is required, so link
 * scanners that fetch URLs do not use the single-use token up.
 */
export function accountPagesRouter(): Router {
  const router = Router();
  router.get('/verify-email', (_req, res) => {
    res.type('html').send(
      page(
        'Confirm your email',
        '<button id="go">Confirm my email</button>',
        `document.getElementById('go').onclick = () => call(
          'mutation($token: String!) { verifyEmail(token: $token) { email } }',
          { token },
          (data) => 'Thank you, ' + data.verifyEmail.email + ' is confirmed. You can close this page.');`,
      ),
    );
  });
  router.get('/reset-password', (_req, res) => {
    res.type('html').send(
      page(
        'Choose a new password',
        `<label>New password <input id="password" type="password" autocomplete="new-password" minlength="10" maxlength="128"></label>
         <button id="go">Set password</button>`,
        `document.getElementById('go').onclick = () => call(
          'mutation($token: String!, $password: String!) { resetPassword(token: $token, newPassword: $password) }',
          { token, password: document.getElementById('password').value },
          () => 'Your password is changed. Sign in with the new one.');`,
      ),
    );
  });
  return router;
}

function page(title: string, body: string, script: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bazaar – ${title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:30rem;margin:4rem auto;padding:0 1rem}
input,button{font:inherit;padding:.4rem .6rem;margin:.3rem 0}#result{margin-top:1rem}</style></head>
<body><h1>${title}</h1>${body}<p id="result" role="status"></p>
<script>
const token = new URLSearchParams(location.search).get('token') || '';
async function call(query, variables, describe) {
  const out = document.getElementById('result');
  const response = await fetch('/graphql', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  out.textContent = body.errors ? body.errors[0].message : describe(body.data);
}
${script}
</script></body></html>`;
}
