// The committed catalogue is data, not code: tsc does not copy it, so the built app gets it from here.
const { copyFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const from = path.join(root, 'src/api/catalogue/xapi-catalogue.json');
const to = path.join(root, 'dist/api/catalogue/xapi-catalogue.json');
mkdirSync(path.dirname(to), { recursive: true });
copyFileSync(from, to);
