// Patches postgres.js 3.4.9 (the latest release) against an open bug that crashes the whole
// process when Postgres restarts or a connection drops (porsager/postgres#1154, #1208; fix
// proposed in PRs #1176/#1209, not released): a deferred write fires after the socket is
// gone, and a cancelled write timer is never reset, so the connection can never write again.
// Idempotent; run by `postinstall` (scripts/postinstall.mjs). Remove once a fixed postgres release is used.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/postgres');
const MARK = '/* homewatch: null-socket guard */';

const replacements = [
  [
    'function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
    `function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  ],
  ['    clearImmediate(nextWriteTimer)\n', '    clearImmediate(nextWriteTimer), nextWriteTimer = null, chunk = null\n'],
];

for (const file of ['src/connection.js', 'cjs/src/connection.js']) {
  const target = path.join(root, file);
  let text = readFileSync(target, 'utf8');
  if (text.includes(MARK)) continue;
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`postgres.js changed: cannot patch ${file}; check whether the upstream fix is released`);
    text = text.split(from).join(to);
  }
  writeFileSync(target, text);
  console.log(`patched ${path.relative(process.cwd(), target)} (null-socket guard)`);
}
