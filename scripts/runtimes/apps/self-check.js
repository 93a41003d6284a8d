// What each runtime's app does once it listens: asks its own two endpoints for a ticket and a
// guest token, as a signed-in page would (a session cookie, and a JSON body, which some frameworks
// read before the route runs), and prints the answers as one JSON line for run-matrix.mjs.
export async function askOwnEndpoints(origin) {
  const answers = {};
  for (const [name, path] of [['ticket', '/api/astrato-ticket'], ['guestToken', '/api/guest-token']]) {
    const response = await fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { cookie: 'session=ana', 'content-type': 'application/json' },
      body: JSON.stringify({ dashboard: 'sales' }),
    });
    answers[name] = { status: response.status, body: await response.text() };
  }
  console.log(JSON.stringify(answers));
}
