// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { NO_REMOTE_IMAGES_POLICY, remoteImagesBlocked, renderArticle } from './render-article';

const HOSTILE = `<p onclick="alert(1)">Text <a href="https://e.com/x">link</a> <a href="javascript:alert(2)">bad</a></p>
<img src="https://tracker.example/pixel.gif" alt="Chart of attacks"><img src="https://e.com/decor.png">
<script>window.ran = true</script><iframe src="https://e.com"></iframe><svg><script>alert(3)</script></svg>`;

describe('renderArticle', () => {
  it('sanitizes again, opens links in a new tab without referrer, and keeps images with no referrer', () => {
    const container = document.createElement('div');
    renderArticle(container, HOSTILE, { remoteImages: true });
    expect(container.querySelector('script, iframe, [onclick]')).toBeNull();
    expect(container.innerHTML).not.toMatch(/javascript:/i);
    const link = container.querySelector('a[href="https://e.com/x"]')!;
    expect([link.getAttribute('target'), link.getAttribute('rel')]).toEqual(['_blank', 'noopener noreferrer']);
    expect([...container.querySelectorAll('img')].map((img) => img.getAttribute('referrerpolicy'))).toEqual([
      'no-referrer',
      'no-referrer',
    ]);
    expect((window as { ran?: boolean }).ran).toBeUndefined();
  });

  it('leaves remote images out when asked, keeping their descriptions', () => {
    const container = document.createElement('div');
    renderArticle(container, HOSTILE, { remoteImages: false });
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('[Chart of attacks]');
  });

  /** Every way found for saved markup to load something from the web (issue 14), each from its own path. */
  const REMOTE = `<p>Text</p>
<video poster="https://t.example/poster.jpg" src="https://t.example/video.mp4"><source src="https://t.example/source.mp4"><track src="https://t.example/track.vtt"></video>
<audio src="https://t.example/audio.mp3"></audio>
<picture><source srcset="https://t.example/picture.webp"><img src="https://t.example/img.png" alt="A chart"></picture>
<svg><image href="https://t.example/svg-image.png"></image><image xlink:href="https://t.example/svg-xlink.png"></image>
<use href="https://t.example/use.svg#a"></use><filter><feImage href="https://t.example/feimage.png"></feImage></filter>
<rect mask="url(https://t.example/mask.svg#m)" filter="url('https://t.example/filter.svg#f')" fill="url(https://t.example/fill.svg#p)" stroke="url(#local)"></rect></svg>
<table background="https://t.example/table.png"><tr><td background="//t.example/td.png">cell</td></tr></table>`;
  /** The paths of the remote URLs left in `container`'s markup. */
  const remoteLeft = (container: Element) =>
    [...container.innerHTML.matchAll(/t\.example\/([\w.-]+)/g)].map(([, path]) => path!).sort();

  it('loads nothing from the web with remote images off: no media, no images, no SVG references', () => {
    const container = document.createElement('div');
    document.body.append(container);
    renderArticle(container, REMOTE, { remoteImages: false });
    expect(remoteLeft(container)).toEqual([]);
    expect(container.textContent).toContain('[A chart]');
    // A reference inside the article stays.
    expect(container.querySelector('rect')?.getAttribute('stroke')).toBe('url(#local)');
    // And the page takes on the policy that blocks remote images, whatever markup gets past.
    expect(remoteImagesBlocked(document)).toBe(true);
    expect(document.head.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toBe(
      NO_REMOTE_IMAGES_POLICY,
    );
  });

  it('with remote images on, loads only images, without referrer; never video, audio, tracks or SVG resources', () => {
    const container = document.createElement('div');
    renderArticle(container, REMOTE, { remoteImages: true });
    const left = remoteLeft(container);
    expect(left).toContain('img.png');
    expect(left.every((path) => /^(img|picture|poster|svg-image|svg-xlink|table|td)\./.test(path))).toBe(true);
    expect(container.querySelector('img')?.getAttribute('referrerpolicy')).toBe('no-referrer');
  });
});
