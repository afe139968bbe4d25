import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { decide, decodeRequest, decisionSummary, parseSnapshot, renderProblems } from '../src/index.js';

const snapshot = parseSnapshot(readFileSync('examples/gateway.json', 'utf8'));
if (E.isLeft(snapshot)) console.error(renderProblems(snapshot.left.problems));
else for (const raw of [
  { actor: 'SQLUser', use: { dataSource: 13, via: 'ODBC' } },
  { actor: 'SQLUser', use: { dataSource: 13, via: 'JDBC' } },
  { actor: 'AdminUser', method: 'GET', url: '/api/mgmt/datasources/16/permissions?user=ODataUser' },
  { actor: 'admin2', method: 'GET', url: '/api/mgmt/datasources/16/permissions?user=ODataUser' },
]) {
  const request = decodeRequest(raw);
  if (E.isRight(request)) console.log(decisionSummary(decide(snapshot.right, request.right)));
}
