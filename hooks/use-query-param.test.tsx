import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { commitQueryParam, useQueryParam } from './use-query-param';

describe('useQueryParam', () => {
  let setters: Record<string, (value: string) => void> = {};
  function Page() {
    const [, setQuery] = useQueryParam('q', { typed: true });
    const [, setView] = useQueryParam('view');
    setters = { q: setQuery, view: setView };
    return null;
  }
  const param = (name: string) => new URLSearchParams(location.search).get(name);

  beforeEach(() => {
    vi.useFakeTimers();
    history.replaceState(null, '', '/search.html');
    render(<Page />, document.body);
  });
  afterEach(() => {
    render(null, document.body);
    vi.useRealTimers();
  });

  it('writes what is typed into the address once typing pauses, and other values at once', () => {
    void act(() => setters.q!('cy'));
    void act(() => setters.q!('cyber'));
    expect(param('q')).toBeNull();
    void act(() => setters.view!('archive'));
    expect(param('view')).toBe('archive');
    vi.advanceTimersByTime(200);
    expect(param('q')).toBe('cyber');
  });

  it('writes what was typed before a history entry is made of it, and before a link is followed', () => {
    const entries = history.length;
    void act(() => setters.q!('health'));
    commitQueryParam();
    expect(history.length).toBe(entries + 1);
    expect(param('q')).toBe('health');
    void act(() => setters.q!('health crisis'));
    document.body.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(param('q')).toBe('health crisis');
  });
});
