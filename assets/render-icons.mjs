// Renders assets/icon.svg to the PNG sizes browsers and stores ask for (public/icon/<size>.png, which WXT lists
// in the manifest). Run after changing the SVG: `node assets/render-icons.mjs`. Uses the system Chromium.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const SIZES = [16, 32, 48, 96, 128];
const svg = readFileSync(new URL('./icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    await page
      .locator('svg')
      .screenshot({ path: new URL(`../public/icon/${size}.png`, import.meta.url).pathname, omitBackground: true });
  }
} finally {
  await browser.close();
}
console.log(`public/icon/{${SIZES.join(',')}}.png written`);
