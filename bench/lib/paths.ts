import fs from 'fs';
import path from 'path';

/** The app's root: the nearest folder above this file whose package.json is Quanzi's (works from bench/ and dist/bench/). */
function findAppDir(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'quanzi') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`bench: no Quanzi package.json above ${start}`);
    dir = up;
  }
}

export const APP_DIR = findAppDir(__dirname);
export const DIST_DIR = path.join(APP_DIR, 'dist');
/** Compiled bench scripts (this file lives in dist/bench/lib once built). */
export const BENCH_DIST = path.resolve(__dirname, '..');
/** Scratch space: databases, the generated bare Strapi app, genesis files. */
export const WORK_DIR = path.join(APP_DIR, '.tmp', 'bench');
export const runnerPath = (name: string) => path.join(BENCH_DIST, 'runners', `${name}.js`);
