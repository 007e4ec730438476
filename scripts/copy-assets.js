// tsc copies neither the committed catalogue (data) nor the SQLite worker (loaded by path, as plain JavaScript),
// so the built app gets them from here. `node scripts/copy-assets.js [dir]`: into dir (default dist), laid out as
// src is.
const { copyFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
for (const file of ['api/catalogue/xapi-catalogue.json', 'store/sqlite-worker.js']) {
  const to = path.join(outDir, file);
  mkdirSync(path.dirname(to), { recursive: true });
  copyFileSync(path.join(root, 'src', file), to);
}
