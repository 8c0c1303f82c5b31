/**
 * Cursor paging. The API pages forward only (`next_cursor`), so "previous" needs the cursors already
 * seen; they are kept per `resetKey` (the filters and sort of the list): a new key starts again at
 * the first page, in the same render (no request with an old cursor and new filters).
 */
import { useState } from 'preact/hooks';
import { setQuery, useLocation } from '../router.js';
import { Pager } from './kit.js';

export interface Cursors {
  /** The cursor of the page shown ('' or null: the first page). */
  cursor: string | null;
  hasPrevious: boolean;
  /** 1-based number of the page shown; undefined when unknown (a link opened deep in the list). */
  page: number | undefined;
  next: (cursor: string) => void;
  previous: () => void;
}

/** Pages of a list inside a screen (the cursor is not in the URL). */
export function useCursors(resetKey = ''): Cursors {
  const [trail, setTrail] = useState<{ key: string; seen: string[] }>({ key: resetKey, seen: [] });
  const seen = trail.key === resetKey ? trail.seen : [];
  return {
    cursor: seen.at(-1) ?? null,
    hasPrevious: seen.length > 0,
    page: seen.length + 1,
    next: (cursor) => setTrail({ key: resetKey, seen: [...seen, cursor] }),
    previous: () => setTrail({ key: resetKey, seen: seen.slice(0, -1) }),
  };
}

/** Pages of a screen's main list, the cursor in the URL (`?cursor=`) so a page is a link; the trail back is kept while the page is open. */
export function useUrlCursor(resetKey: string): Cursors {
  const cursor = useLocation().query.get('cursor');
  const [trail, setTrail] = useState<{ key: string; before: (string | null)[] }>({ key: resetKey, before: [] });
  const before = trail.key === resetKey ? trail.before : [];
  return {
    cursor,
    hasPrevious: cursor !== null,
    page: cursor === null ? 1 : before.length > 0 ? before.length + 1 : undefined,
    next: (to) => {
      setTrail({ key: resetKey, before: [...before, cursor] });
      setQuery({ cursor: to });
    },
    previous: () => {
      setTrail({ key: resetKey, before: before.slice(0, -1) });
      setQuery({ cursor: before.at(-1) ?? null });
    },
  };
}

/** Previous / next for a list's pages; nothing when everything fits on one page. */
export function CursorPager({ pages, nextCursor }: { pages: Cursors; nextCursor: string | null }) {
  if (!pages.hasPrevious && nextCursor === null) return null;
  return <Pager hasPrevious={pages.hasPrevious} hasNext={nextCursor !== null} onPrevious={pages.previous} onNext={() => nextCursor !== null && pages.next(nextCursor)} />;
}
