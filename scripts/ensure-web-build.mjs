// Builds the web app before `npm start` when web/dist is missing or older than its sources, so a
// fresh clone needs only `npm ci && npm start`.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const index = path.join(root, 'web/dist/index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const sources = ['web/src', 'web/index.html', 'contracts/src'].map((p) => path.join(root, p));
const built = existsSync(index) ? statSync(index).mtimeMs : 0;
const changed = Math.max(
  ...sources.map((p) => (statSync(p).isDirectory() ? newest(p) : statSync(p).mtimeMs)),
);
if (built < changed) {
  console.log('[quancheng] building the web app… / 正在构建前端…');
  execSync('npm run build -w web', { cwd: root, stdio: 'inherit' });
}
