/**
 * The reference server in this process, driven over real HTTP on 127.0.0.1 (issue 9, item 1):
 * the SPEC §10 story end to end, concurrent changes, the hardening cases, the logs.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, canonicalState } from '../../src/server/store.js';
import type { RunningServer } from '../../src/server/server.js';
import { basic, call, examplePasswords, startInProcess } from './helpers.js';

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});
const start = async (o: Parameters<typeof startInProcess>[0] = {}): Promise<Awaited<ReturnType<typeof startInProcess>>> => {
  const s = await startInProcess(o);
  running.push(s.server);
  return s;
};

describe('the SPEC §10 story over HTTP, with the example passwords', () => {
  it('§10.1–§10.7 answer as the spec says and every change is committed (R-OBO-1, R-DSP-1, R-RES-1, R-SHR-7)', async () => {
    const { server, db } = await start({ passwords: examplePasswords() });
    const u = server.url;
    // §10.1 on-behalf-of create, then the permissions read
    const created = await call(u, 'AdminUser', 'POST', '/api/mgmt/datasources?user=ODataUser', { name: 'OData_Sales_2' });
    expect(created.status).toBe(201);
    // D-SRV-7: the 201 carries the created data source as the new state holds it (R-TRN-3: owned by the subject)
    expect(created.body).toMatchObject({ id: 5443, name: 'OData_Sales_2', owner: 921 });
    expect(server.snapshot().dataSources.get(5443)?.owner).toBe(921);
    expect(await call(u, 'AdminUser', 'GET', '/api/mgmt/datasources/5443/permissions?user=ODataUser')).toEqual({ status: 200, body: { permissions: [7] } });
    // §10.2 override (R-DSP-1)
    expect((await call(u, 'AdminUser', 'PUT', '/api/mgmt/datasources/16/permissions?user=ODataUser', { permissions: [2, 3, 4, 7, 10] })).status).toBe(200);
    expect(await call(u, 'AdminUser', 'GET', '/api/mgmt/datasources/16/permissions?user=ODataUser')).toEqual({ status: 200, body: { permissions: [2, 3, 4, 7, 10] } });
    // §10.3 the direct write is 400, in the gateway's envelope
    const direct = await call(u, 'AdminUser', 'PUT', '/api/mgmt/datasources/16/permissions', { permissions: [2, 3, 4, 7, 10] });
    expect(direct.status).toBe(400);
    expect(direct.body).toEqual({ error: expect.anything() });
    // §10.4 role and user creation, then SQLUser may not create data sources
    expect(await call(u, 'AdminUser', 'POST', '/api/admin/roles', { name: 'QueryBasedRole2', tenantId: 56, permissions: [5, 6, 7, 8, 9, 10, 11] })).toMatchObject({
      status: 201,
      body: { name: 'QueryBasedRole2', tenantId: 56, permissions: [5, 6, 7, 8, 9, 10, 11] },
    });
    expect((await call(u, 'AdminUser', 'POST', '/api/admin/users', { userName: 'SQLUser2', tenantId: 56, permissions: { roles: [88] } })).status).toBe(201);
    expect((await call(u, 'SQLUser', 'POST', '/api/mgmt/datasources', { name: 'mine' })).status).toBe(403);
    // §10.5 share exactness: 403 on the shared 13, 404 on the unshared 14
    expect((await call(u, 'SQLUser', 'GET', '/api/mgmt/datasources/13')).status).toBe(403);
    expect((await call(u, 'SQLUser', 'GET', '/api/mgmt/datasources/14')).status).toBe(404);
    // §10.6 shared-user read and the not-shared message
    expect(await call(u, 'AdminUser', 'GET', '/api/mgmt/datasources/5441/sharedUsers/921')).toEqual({ status: 200, body: { permissions: [2, 3, 5] } });
    const notShared = await call(u, 'AdminUser', 'GET', '/api/mgmt/datasources/5442/sharedUsers/921');
    expect(notShared.status).toBe(404);
    expect(JSON.stringify(notShared.body)).toContain('DataSource 5442 is not shared with any users.');
    // §10.7 update share
    expect((await call(u, 'AdminUser', 'PUT', '/api/mgmt/datasources/5441/sharedUsers/921', { permissions: [2, 3, 4, 5] })).status).toBe(200);
    expect(await call(u, 'AdminUser', 'GET', '/api/mgmt/datasources/5441/sharedUsers/921')).toEqual({ status: 200, body: { permissions: [2, 3, 4, 5] } });
    // five changes, five rows of the change log; the tables hold exactly the state in memory
    expect(server.seq()).toBe(5);
    const store = openStore(db, undefined);
    if (E.isLeft(store)) throw new Error(store.left.message);
    const state = store.right.readState();
    store.right.close();
    if (E.isLeft(state)) throw new Error(state.left.message);
    expect(state.right.seq).toBe(5);
    expect(canonicalState(state.right.snapshot)).toBe(canonicalState(server.snapshot()));
  });

  it('a denial carries the envelope only, never the trace or the reason (R-REQ-3)', async () => {
    const { server } = await start();
    const r = await call(server.url, 'SQLUser', 'GET', '/api/mgmt/datasources/13');
    expect(r.status).toBe(403);
    expect(Object.keys(r.body as object)).toEqual(['error']);
    expect(JSON.stringify(r.body)).not.toMatch(/trace|R-[A-Z]+-\d/);
  });
});

describe('logs', () => {
  it('a read goes to the audit log as a decision record with its trace; a change goes to the change log with its request id', async () => {
    const { server, db, auditLog } = await start();
    await call(server.url, 'AdminUser', 'GET', '/api/mgmt/datasources/5441/sharedUsers/921');
    await call(server.url, 'AdminUser', 'PUT', '/api/mgmt/datasources/5441/sharedUsers/921', { permissions: [2, 3, 4, 5] }, { 'x-request-id': 'req-1' });
    await server.close();
    const lines: ReadonlyArray<unknown> = readFileSync(auditLog, 'utf8').trim().split('\n').map((l): unknown => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ operation: 'GetSharedUser', trace: expect.arrayContaining([expect.anything()]) });
    const log = new Database(db, { readonly: true });
    expect(log.prepare('SELECT seq, request_id FROM change_log').all()).toEqual([{ seq: 1, request_id: 'req-1' }]);
    const [record, request] = log.prepare('SELECT record, request FROM change_log').raw().all().flat();
    expect(JSON.parse(String(record))).toMatchObject({ operation: 'UpdateSharedUser', decision: 'allow', changes: [{ _tag: 'Updated', kind: 'dataSource', id: 5441 }] });
    expect(JSON.parse(String(request))).toMatchObject({ actor: 'AdminUser', method: 'PUT', url: '/api/mgmt/datasources/5441/sharedUsers/921' });
  });

  it('a password in a body is redacted in the change log (D-SRV-2)', async () => {
    const { server, db } = await start();
    expect((await call(server.url, 'AdminUser', 'POST', '/api/admin/users', { userName: 'pw', tenantId: 56, password: 'hunter2', permissions: { roles: [88] } })).status).toBe(201);
    await server.close();
    const text = JSON.stringify(new Database(db, { readonly: true }).prepare('SELECT record, request FROM change_log').all());
    expect(text).not.toContain('hunter2');
    expect(text).toContain('[redacted]');
  });
});

describe('what a change persists', () => {
  it('changes with consequences (shares removed, profiles deleted, a move, a creator made administrator) leave the tables equal to the state in memory (R-TRN-5, R-TRN-8)', async () => {
    const { server, db } = await start();
    const u = server.url;
    const steps: ReadonlyArray<readonly [string, string, unknown]> = [
      ['DELETE', '/api/admin/users/1297', undefined], // SQLUser: its shares and its OAuth profile go with it
      ['PUT', '/api/admin/users/921', { userName: 'ODataUser', tenantId: 57, permissions: { roles: [90] } }], // a move out of tenant 56
      ['DELETE', '/api/mgmt/datasources/20', undefined],
      ['POST', '/api/admin/tenants', { name: 'OrgC', parentTenant: 1 }],
    ];
    const statuses: number[] = [];
    for (const [method, path, body] of steps) statuses.push((await call(u, 'SysAdmin', method, path, body)).status);
    expect(statuses).toEqual([204, 200, 204, 201]);
    expect(server.seq()).toBe(statuses.filter((st) => st < 300).length);
    await server.close();
    const store = openStore(db, undefined);
    if (E.isLeft(store)) throw new Error(store.left.message);
    const state = store.right.readState();
    store.right.close();
    if (E.isLeft(state)) throw new Error(state.left.message);
    expect(canonicalState(state.right.snapshot)).toBe(canonicalState(server.snapshot()));
    expect(state.right.snapshot.users.has(1297)).toBe(false);
  });
});

describe('concurrent requests', () => {
  it('60 concurrent changes and reads: each change answered 2xx is one row of the log, in order, and the tables equal the state in memory', async () => {
    const { server, db } = await start();
    const u = server.url;
    const sets = [[2, 3, 5], [2, 3, 4, 5]];
    const replies = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 3 === 0
          ? call(u, 'AdminUser', 'GET', '/api/mgmt/datasources/16/permissions?user=ODataUser')
          : call(u, 'AdminUser', 'PUT', '/api/mgmt/datasources/5441/sharedUsers/921', { permissions: sets[i % 2] }),
      ),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(server.seq()).toBe(40);
    await server.close();
    const store = openStore(db, undefined);
    if (E.isLeft(store)) throw new Error(store.left.message);
    const state = store.right.readState();
    const log = store.right.changesAfter(0);
    store.right.close();
    if (E.isLeft(state) || E.isLeft(log)) throw new Error('read failed');
    expect(log.right.map((c) => c.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(canonicalState(state.right.snapshot)).toBe(canonicalState(server.snapshot()));
  });
});

describe('hardening', () => {
  it('a body over the limit is 413 in the gateway envelope, and nothing changes', async () => {
    const { server } = await start({ maxBody: 1024 });
    const r = await call(server.url, 'AdminUser', 'PUT', '/api/mgmt/datasources/5441/sharedUsers/921', { permissions: [2], pad: 'x'.repeat(5000) });
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ error: { code: 222200413 } });
    expect(server.seq()).toBe(0);
  });

  it('a chunked body over the limit (no content-length) is 413 too', async () => {
    const { server } = await start({ maxBody: 1024 });
    const chunks = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 8; i += 1) c.enqueue(new TextEncoder().encode('x'.repeat(512)));
        c.close();
      },
    });
    const res = await fetch(`${server.url}/api/mgmt/datasources`, { method: 'POST', headers: { authorization: basic('AdminUser', 'x') }, body: chunks, duplex: 'half' });
    expect(res.status).toBe(413);
  });

  it('malformed JSON is 400 with the gateway envelope', async () => {
    const { server } = await start();
    const r = await call(server.url, 'AdminUser', 'PUT', '/api/mgmt/datasources/5441/sharedUsers/921', '{"permissions": [2,');
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: { code: 222200400, message: { lang: 'en-US' } } });
    expect(JSON.stringify(r.body)).toContain('malformed JSON body');
  });

  it('duplicate keys in a body are 400 "ambiguous" with their path, and nothing changes', async () => {
    const { server } = await start();
    const r = await call(server.url, 'AdminUser', 'PUT', '/api/mgmt/datasources/5441/sharedUsers/921', '{"permissions":[2],"permissions":[2,3,4,5]}');
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('ambiguous');
    expect(JSON.stringify(r.body)).toContain('$.body.permissions');
    expect(server.seq()).toBe(0);
  });

  it('an unknown route is 404 outside the API and inside it (R-REQ-1)', async () => {
    const { server } = await start();
    expect((await call(server.url, 'AdminUser', 'GET', '/index.html')).status).toBe(404);
    const inside = await call(server.url, 'AdminUser', 'GET', '/api/mgmt/nothing-here');
    expect(inside.status).toBe(404);
    expect(Object.keys(inside.body as object)).toEqual(['error']);
  });

  it('no credentials, a wrong password, an unknown user: 401 with a Basic challenge', async () => {
    const { server } = await start({ passwords: examplePasswords() });
    const none = await fetch(`${server.url}/api/mgmt/datasources`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Basic');
    const wrong = await fetch(`${server.url}/api/mgmt/datasources`, { headers: { authorization: basic('AdminUser', 'nope') } });
    expect(wrong.status).toBe(401);
    const unknown = await fetch(`${server.url}/api/mgmt/datasources`, { headers: { authorization: basic('Nobody', 'Nobody-demo') } });
    expect(unknown.status).toBe(401);
    const garbled = await fetch(`${server.url}/api/mgmt/datasources`, { headers: { authorization: 'Basic !!!' } });
    expect(garbled.status).toBe(401);
    expect((await call(server.url, 'AdminUser', 'GET', '/api/mgmt/datasources')).status).toBe(200);
  });

  it('AuthZEN paths go to `authzen`: discovery without credentials, everything else needs them', async () => {
    const { server } = await start();
    const discovery = await fetch(`${server.url}/.well-known/authzen-configuration`);
    expect(discovery.status).not.toBe(401);
    const evaluation = await fetch(`${server.url}/access/v1/evaluation`, { method: 'POST', body: '{}' });
    expect(evaluation.status).toBe(401);
    const authed = await fetch(`${server.url}/access/v1/evaluation`, { method: 'POST', body: '{}', headers: { authorization: basic('AdminUser', 'x') } });
    expect(authed.status).not.toBe(401);
  });

  it('a client that stalls in its headers is cut off (headersTimeout)', async () => {
    const { server } = await start({ headersTimeoutMs: 200, requestTimeoutMs: 400 });
    const port = Number(new URL(server.url).port);
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /api/mgmt/datasources HTTP/1.1\r\nHost: x\r\n'));
      let got = '';
      socket.on('data', (d) => {
        got += d.toString();
      });
      socket.on('close', () => resolve(got));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('graceful shutdown: a request in flight is finished, then the server closes', async () => {
    const { server } = await start();
    const port = Number(new URL(server.url).port);
    const body = JSON.stringify({ permissions: [2, 3, 4, 5] });
    let socketRef: ReturnType<typeof connect> | undefined;
    const reply = new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`PUT /api/mgmt/datasources/5441/sharedUsers/921 HTTP/1.1\r\nHost: x\r\nAuthorization: ${basic('AdminUser', 'x')}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`);
      });
      socketRef = socket;
      let got = '';
      socket.on('data', (d) => {
        got += d.toString();
      });
      socket.on('close', () => resolve(got));
    });
    await new Promise((r) => setTimeout(r, 100));
    const closed = server.close();
    socketRef?.write(body.slice(5));
    expect(await reply).toMatch(/^HTTP\/1\.1 200/);
    await closed;
    expect(server.seq()).toBe(1);
    await expect(fetch(`${server.url}/api/mgmt/datasources`)).rejects.toThrow();
  });
});
