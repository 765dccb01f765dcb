// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderArticle } from './render-article';

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
});
