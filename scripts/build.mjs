// `npm run build` (also run by `npm ci` through "prepare"): compiles src/ to dist/ with tsc
// and copies the files the code reads at run time beside it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
for (const folder of ['seed', 'web/assets']) {
  fs.cpSync(path.join(root, 'src', folder), path.join(dist, folder), {
    recursive: true,
    filter: (file) => !/\.tsx?$/.test(file),
  });
}
