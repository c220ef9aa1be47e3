// The GraphiQL page's only script (gateway/src/ide): a separate file, since the page's Content-Security-Policy
// allows no inline script. React, ReactDOM and GraphiQL are the globals of the npm builds served beside it.
/* global document, fetch, Option, React, ReactDOM, GraphiQL */
"use strict";

const EXAMPLE_QUERY = `# Signed in with a development token; the headers below carry it and the purpose of nominal reads.
{
  shipments(first: 3, filter: { seized: true }) {
    nodes {
      trackingNumber
      carrier
      seizure { caseNumber commodity seizedAt place { name } }
    }
  }
}
`;

const root = ReactDOM.createRoot(document.getElementById("graphiql"));
const fetcher = GraphiQL.createFetcher({ url: "/graphql" });
const status = document.getElementById("status");
const roleSelect = document.getElementById("role");
const agencySelect = document.getElementById("agency");

function say(message, isError = false) {
  status.textContent = message;
  status.classList.toggle("cix-error", isError);
}

function fill(select, values, selected) {
  select.replaceChildren(...values.map((value) => new Option(value, value, value === selected, value === selected)));
}

async function answer(response) {
  const body = await response.json();
  if (!response.ok) throw new Error(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
  return body;
}

/** A development token for the chosen login, put with the purpose into GraphiQL's headers editor. */
async function signIn(purpose) {
  say("Signing in…");
  const login = await answer(
    await fetch("/graphiql/dev-token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: roleSelect.value, agency: agencySelect.value }),
    }),
  );
  const headers = JSON.stringify({ Authorization: `Bearer ${login.token}`, "x-cix-purpose": purpose }, null, 2);
  root.render(
    React.createElement(GraphiQL, {
      fetcher,
      headers,
      // The token stays in this page: not written to the browser's storage.
      shouldPersistHeaders: false,
      defaultQuery: EXAMPLE_QUERY,
      defaultEditorToolsVisibility: "headers",
    }),
  );
  say(`Signed in as ${login.sub} for ${Math.round(login.expiresInSeconds / 60)} min (development token).`);
}

async function start() {
  const logins = await answer(await fetch("/graphiql/demo-logins"));
  fill(roleSelect, logins.roles, logins.default.role);
  fill(agencySelect, logins.agencies, logins.default.agency);
  document.getElementById("login").addEventListener("submit", (event) => {
    event.preventDefault();
    signIn(logins.purpose).catch((error) => say(error.message, true));
  });
  await signIn(logins.purpose);
}

start().catch((error) => say(`The demo login failed: ${error.message}`, true));
