/**
 * The middleware in real servers (issue 9): Express 5 and Fastify 5 with @fastify/middie, each on
 * 127.0.0.1 with an ephemeral port, driven with real HTTP (`fetch`). The actor comes from a
 * test header (a server would take it from its own authentication). Denials get the client view
 * only (R-REQ-3); allowed requests reach the route with the decision attached.
 */
import middie from '@fastify/middie';
import express from 'express';
import Fastify from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationMiddleware, decisionOf, toEngineRequest, type NodeRequestLike } from '../../src/embed/middleware.js';
import type { Decision } from '../../src/decide/decision.js';
import { parseSnapshot } from '../../src/snapshot/load.js';
import type { Snapshot } from '../../src/model/snapshot.js';

const loaded = parseSnapshot(readFileSync('examples/gateway.json', 'utf8'));
if (E.isLeft(loaded)) throw new Error('examples/gateway.json does not load');
const snapshot: Snapshot = loaded.right;

const actorHeader = (req: NodeRequestLike): string | undefined => {
  const v = req.headers?.['x-test-user'];
  return typeof v === 'string' ? v : undefined;
};

/** What the route handler answers after the middleware let a request through: the decision it found attached. */
const allowedBody = (d: Decision | undefined): unknown => ({ reached: true, operation: d?.operation ?? null, status: d?.status ?? null, response: d?.decision === 'allow' ? (d.response ?? null) : null });

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const send = async (base: string, method: string, path: string, user: string | undefined, body?: unknown): Promise<Answer> => {
  const headers: Record<string, string> = user === undefined ? {} : { 'x-test-user': user };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await r.text();
  return { status: r.status, body: text === '' ? null : JSON.parse(text) };
};

const PERMS = '/api/mgmt/datasources/16/permissions';

/** The same story for any server: allow goes through with its decision, denials are the client view. */
const story = (name: string, base: () => string, audit: Decision[]): void => {
  describe(`${name}`, () => {
    it('R-OBO-1 R-RES-1 an allowed on-behalf-of read reaches the route with its decision attached', async () => {
      const a = await send(base(), 'GET', `${PERMS}?user=ODataUser`, 'AdminUser');
      expect(a).toEqual({ status: 200, body: { reached: true, operation: 'GetDataSourcePermissions', status: 200, response: { permissions: [7] } } });
    });

    it('R-OBO-2 R-REQ-3 a denial is the gateway status and error envelope, never the trace or the reason', async () => {
      const before = audit.length;
      const a = await send(base(), 'GET', `${PERMS}?user=ODataUser`, 'admin2');
      expect(a.status).toBe(403);
      expect(a.body).toEqual({ error: { code: 222200403, message: { lang: 'en-US', value: expect.any(String) } } });
      expect(JSON.stringify(a.body)).not.toMatch(/trace|R-OBO|reason/);
      // the audit hook saw the whole decision, with its trace
      const seen = audit.slice(before);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.decision).toBe('deny');
      expect(seen[0]?.trace.length).toBeGreaterThan(0);
    });

    it('R-REQ-3 a data source the caller cannot reach is 404 with the gateway code', async () => {
      const a = await send(base(), 'GET', '/api/mgmt/datasources/14', 'SQLUser');
      expect(a).toEqual({ status: 404, body: { error: { code: 222207004, message: { lang: 'en-US', value: 'There is no DataSource with that id: 14.' } } } });
    });

    it('R-REQ-5 the parsed body is decided: a valid body goes through, a malformed one is 400', async () => {
      const ok = await send(base(), 'PUT', `${PERMS}?user=ODataUser`, 'AdminUser', { permissions: [2, 3, 7] });
      expect(ok).toEqual({ status: 200, body: { reached: true, operation: 'UpdateDataSourcePermissions', status: 200, response: null } });
      const bad = await send(base(), 'PUT', `${PERMS}?user=ODataUser`, 'AdminUser', { permissions: 'all' });
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({ error: { code: 222200400, message: { lang: 'en-US', value: expect.stringContaining('$.body.permissions') } } });
    });

    it('R-OBO-1 a repeated ?user= is refused (400) even though the framework parsed the query itself', async () => {
      const a = await send(base(), 'GET', `${PERMS}?user=ODataUser&user=SQLUser`, 'AdminUser');
      expect(a.status).toBe(400);
      expect(a.body).toEqual({ error: { code: 222200400, message: { lang: 'en-US', value: 'query parameter `user` is given more than once' } } });
    });

    it('R-REQ-2 a request without an actor is 401; an unknown actor is 401 from the engine', async () => {
      const none = await send(base(), 'GET', `${PERMS}?user=ODataUser`, undefined);
      expect(none).toEqual({ status: 401, body: { error: { code: 222200401, message: { lang: 'en-US', value: 'authentication required' } } } });
      const unknown = await send(base(), 'GET', `${PERMS}?user=ODataUser`, 'nobody');
      expect(unknown.status).toBe(401);
    });
  });
};

// --- Express 5 -------------------------------------------------------------------------------------

const expressAudit: Decision[] = [];
let expressServer: Server | undefined;
let expressBase = '';

beforeAll(async () => {
  const app = express();
  app.use(express.json());
  app.use(
    '/api',
    authorizationMiddleware({ snapshot: () => snapshot, actor: actorHeader, onDecision: (d) => expressAudit.push(d) }),
  );
  // after the middleware: the route sees the decision on res.locals and on the request
  app.all('/api/{*rest}', (req, res) => {
    const fromLocals: unknown = res.locals['authzDecision'];
    const fromReq = decisionOf(req);
    res.status(fromReq === undefined || fromLocals !== fromReq ? 500 : 200).json(allowedBody(fromReq));
  });
  await new Promise<void>((resolve) => {
    expressServer = app.listen(0, '127.0.0.1', () => resolve());
  });
  const address = expressServer?.address();
  if (address === null || address === undefined || typeof address === 'string') throw new Error('express is not listening on a port');
  expressBase = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (expressServer === undefined ? resolve() : expressServer.close(() => resolve())));
});

story('Express 5', () => expressBase, expressAudit);

// --- Fastify 5 with @fastify/middie ---------------------------------------------------------------

const fastifyAudit: Decision[] = [];
const fastify = Fastify();
let fastifyBase = '';

beforeAll(async () => {
  // preHandler: the middleware runs after Fastify parsed the body, so the decision sees it (R-REQ-5)
  await fastify.register(middie, { hook: 'preHandler' });
  fastify.use('/api', authorizationMiddleware({ snapshot: () => snapshot, actor: actorHeader, onDecision: (d) => fastifyAudit.push(d) }));
  fastify.all('/api/*', async (request) => allowedBody(decisionOf(request.raw)));
  const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
  fastifyBase = url;
});

afterAll(async () => {
  await fastify.close();
});

story('Fastify 5 with @fastify/middie', () => fastifyBase, fastifyAudit);

// --- the conversion alone ---------------------------------------------------------------------------

describe('toEngineRequest', () => {
  it('keeps the full target (originalUrl) when a framework stripped the mount prefix, upper-cases the method, passes the body', () => {
    const r = toEngineRequest(
      { method: 'put', url: '/mgmt/datasources/16/permissions?user=ODataUser', originalUrl: '/api/mgmt/datasources/16/permissions?user=ODataUser', headers: {} },
      { actor: () => 'AdminUser', body: { permissions: [2] } },
    );
    expect(r).toEqual(E.right({ actor: 'AdminUser', method: 'PUT', url: '/api/mgmt/datasources/16/permissions?user=ODataUser', body: { permissions: [2] } }));
  });

  it('says what is missing: no actor, no method, no target', () => {
    expect(toEngineRequest({ method: 'GET', url: '/api/mgmt/datasources' }, { actor: () => undefined })).toEqual(E.left({ _tag: 'NoActor' }));
    expect(toEngineRequest({ url: '/api/mgmt/datasources' }, { actor: () => 'a' })).toEqual(E.left({ _tag: 'NoMethod' }));
    expect(toEngineRequest({ method: 'GET' }, { actor: () => 'a' })).toEqual(E.left({ _tag: 'NoUrl' }));
  });
});
