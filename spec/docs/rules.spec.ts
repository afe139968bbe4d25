/**
 * docs/rules.md keeps up with the rule ids: one heading per id of `ruleIds` and per law, none for
 * an id that does not exist, and each with some text under it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleIds } from '../../src/catalog/ruleIds.js';

/** The laws of SPEC §9 (the rule ids are `ruleIds`; the laws have no such list in src/). */
const specLaws = [
  'L-DEFAULT-DENY', 'L-OVERRIDE-EXACT', 'L-SHARE-EXACT', 'L-GROUP-OVER-MEMBER', 'L-OBO-GATE',
  'L-ADMIN-BYPASS', 'L-MONOTONE-GRANT', 'L-ORDER', 'L-INACTIVE', 'L-TRACE', 'L-APPLY', 'L-AUDIT',
  'L-CODEC',
] as const;

const doc = readFileSync('docs/rules.md', 'utf8');

/** The id of every heading that is exactly an id (`#### R-SHR-6`), in document order. */
const entries = (text: string): readonly string[] =>
  [...text.matchAll(/^#{2,6}\s+((?:R-[A-Z]+-\d+)|(?:L-[A-Z]+(?:-[A-Z]+)*))\s*$/gm)].flatMap((m) => (m[1] === undefined ? [] : [m[1]]));

/** The text between the heading of `id` and the next heading. */
const body = (text: string, id: string): string => {
  const start = text.search(new RegExp(`^#{2,6}\\s+${id}\\s*$`, 'm'));
  const rest = text.slice(text.indexOf('\n', start) + 1);
  const end = rest.search(/^#/m);
  return (end < 0 ? rest : rest.slice(0, end)).trim();
};

/** Every `.ts` file under `dir`. */
const tsFiles = (dir: string): readonly string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return tsFiles(full);
      return name.endsWith('.ts') && full !== join('spec', 'docs', 'rules.spec.ts') ? [full] : [];
    });

/** The laws that tests and code cite (`L-DIFF-USE` in a property's name, …). */
const citedLaws = [
  ...new Set(
    ['src', 'spec', 'properties'].flatMap(tsFiles).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bL-[A-Z]+(?:-[A-Z]+)*\b/g)].map((m) => m[0])),
  ),
].sort();

const known: ReadonlySet<string> = new Set<string>([...ruleIds, ...specLaws, ...citedLaws]);
const documented = entries(doc);

describe('docs/rules.md', () => {
  it('reads its entries from headings (so the checks below can fail)', () => {
    expect(entries('## R-SHR-6\ntext\n#### L-ORDER\ntext\n### R-SHR-6 in force\n- **R-ADM-1** no')).toEqual(['R-SHR-6', 'L-ORDER']);
    expect(documented.length).toBeGreaterThanOrEqual(ruleIds.length + specLaws.length);
  });

  it('has an entry for every rule id of ruleIds', () => {
    expect(ruleIds.filter((id) => !documented.includes(id))).toEqual([]);
  });

  it('has an entry for every law of SPEC §9 and every law the code cites', () => {
    expect([...specLaws, ...citedLaws].filter((id) => !documented.includes(id))).toEqual([]);
  });

  it('has no entry for an unknown id, and none twice', () => {
    expect(documented.filter((id) => !known.has(id))).toEqual([]);
    expect(documented.filter((id, i) => documented.indexOf(id) !== i)).toEqual([]);
  });

  it('says something under every entry', () => {
    expect(documented.filter((id) => body(doc, id).length < 40)).toEqual([]);
  });

  it('every in-page link points to a heading of the page', () => {
    const anchors = new Set(
      [...doc.matchAll(/^#{1,6}\s+(.+?)\s*$/gm)].map((m) => (m[1] ?? '').toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')),
    );
    const links = [...doc.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1] ?? '');
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((a) => !anchors.has(a))).toEqual([]);
  });
});
