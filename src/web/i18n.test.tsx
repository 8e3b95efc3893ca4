import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import de from '../i18n/de/web.json';
import en from '../i18n/en/web.json';
import { PERMISSIONS } from '../contracts/roles';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : flatten(value, `${prefix}${key}.`),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

describe('UI string catalogues', () => {
  const deKeys = flatten(de as Tree).sort();
  const enKeys = flatten(en as Tree).sort();

  it('have exactly the same keys in German and English', () => {
    expect(enKeys.filter((k) => !deKeys.includes(k))).toEqual([]);
    expect(deKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
  });

  it('have no empty strings', () => {
    const empty = (tree: Tree) =>
      flatten(tree).filter((k) => k.split('.').reduce<Tree | string>((node, part) => (node as Tree)[part], tree) === '');
    expect(empty(de as Tree)).toEqual([]);
    expect(empty(en as Tree)).toEqual([]);
  });

  it('contain every literal key the web code uses', () => {
    const namespaces = new Set(Object.keys(de));
    const known = new Set(deKeys.map((k) => k.replace(PLURAL_SUFFIX, '')));
    const used = new Set<string>();
    for (const file of sourceFiles(join(process.cwd(), 'src/web'))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/'([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)'/g)) {
        // Permission names look like keys ('users.read') but are not UI strings.
        if ((PERMISSIONS as readonly string[]).includes(match[1])) continue;
        if (namespaces.has(match[1].split('.')[0])) used.add(match[1]);
      }
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
  });
});
