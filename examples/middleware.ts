// The middleware in an Express 5 app (README, "Embedding"): starts on an ephemeral loopback port,
// sends three requests with fetch, prints what each caller got, and stops.
// Run: npx tsx examples/middleware.ts
import express from 'express';
import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { authorizationMiddleware, decisionOf, parseSnapshot, renderProblems, type Decision } from '../src/index.js';

const loaded = parseSnapshot(readFileSync('examples/gateway.json', 'utf8'));
if (E.isLeft(loaded)) {
  console.error(renderProblems(loaded.left.problems));
  process.exit(2);
}
const snapshot = loaded.right;
const audit: Decision[] = [];

const app = express();
app.use(express.json());
app.use(
  '/api',
  authorizationMiddleware({
    snapshot: () => snapshot, // swap in a new snapshot after each change
    actor: (req) => (typeof req.headers?.['x-user'] === 'string' ? req.headers['x-user'] : undefined), // your authentication here
    onDecision: (decision) => audit.push(decision), // the audit record, with its trace
  }),
);
app.get('/api/mgmt/datasources/:id/permissions', (req, res) => {
  const decision = decisionOf(req); // the allow the middleware attached
  res.json(decision?.decision === 'allow' ? decision.response : null);
});

const server = app.listen(0, '127.0.0.1', async () => {
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;
  for (const [user, path] of [
    ['AdminUser', '/api/mgmt/datasources/16/permissions?user=ODataUser'],
    ['admin2', '/api/mgmt/datasources/16/permissions?user=ODataUser'],
    ['SQLUser', '/api/mgmt/datasources/14/permissions'],
  ] as const) {
    const r = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'x-user': user } });
    console.log(`${user} GET ${path} -> ${r.status} ${await r.text()}`);
  }
  console.log(`audit log: ${audit.length} decisions, ${audit.reduce((n, d) => n + d.trace.length, 0)} trace steps`);
  server.close();
});
