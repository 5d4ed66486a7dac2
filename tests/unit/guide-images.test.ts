import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GUIDE = path.join(ROOT, 'docs/guide');

/** The pictures a page embeds, as paths from the repository's root. */
function picturesOf(page: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, page), 'utf8');
  const links = [...text.matchAll(/!\[[^\]]*\]\(([^)]+\.png)\)|<img src="([^"]+\.png)"/g)].map((m) => m[1] ?? m[2]!);
  return links.map((link) => path.relative(ROOT, path.join(ROOT, path.dirname(page), link)));
}

describe('the pictures of the guide and the README (npm run screenshots)', () => {
  const pages = ['README.md', 'docs/sandbox.md', ...fs.readdirSync(GUIDE).filter((f) => f.endsWith('.md')).map((f) => `docs/guide/${f}`)];
  const embedded = new Set(pages.flatMap(picturesOf));

  it('are there for every page that shows one', () => {
    for (const picture of embedded) expect(fs.existsSync(path.join(ROOT, picture)), picture).toBe(true);
  });

  it('are each shown on a page, and every role has its own', () => {
    for (const file of fs.readdirSync(path.join(GUIDE, 'img'))) expect(embedded, file).toContain(`docs/guide/img/${file}`);
    for (const role of ['village-cadre', 'doctor-sampler', 'lead-hq', 'admin']) expect(picturesOf(`docs/guide/${role}.md`).length, role).toBeGreaterThan(0);
    expect(embedded).toContain('docs/sandbox.png');
  });
});
