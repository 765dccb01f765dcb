#!/usr/bin/env node
// `npm run dev`: WXT's development mode, which opens a browser window with Gleaner loaded and reloads it on every
// change. That needs a display: without one the browser cannot start and WXT dies with a bare ECONNRESET, so
// this says what is needed first (and again if WXT fails). Arguments go to `wxt` (`-b firefox`).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const advice = [
  'npm run dev opens a browser window with Gleaner loaded, so it needs a display:',
  '  - run it in a desktop session, or',
  '  - give it a virtual one: apt-get install -y xvfb, then xvfb-run npm run dev, or',
  '  - without a browser window: npm run build, then load .output/chrome-mv3 unpacked (README, "Build and load").',
].join('\n');

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(`No display found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n${advice}`);
  process.exit(1);
}
const { status } = spawnSync(join(root, 'node_modules', '.bin', 'wxt'), process.argv.slice(2), {
  cwd: root,
  stdio: 'inherit',
});
if (status) console.error(`\nWXT stopped (exit ${status}). If the browser could not start:\n${advice}`);
process.exit(status ?? 1);
