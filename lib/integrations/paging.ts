/**
 * Pages through a remote list to the end. Stops when the remote's total count is reached, or,
 * without a total, at the first page shorter than the page size actually used (remotes cap page
 * sizes silently, so callers pass the effective size when the remote reports it).
 */

export interface Page<T> {
  items: T[];
  /** The page number or index as the remote counts it. */
  page: number;
  totalCount?: number;
}

export interface FetchedPage<T> {
  items: T[];
  totalCount?: number;
  /** The page size the remote used for this page. */
  pageSize: number;
}

/** A runaway guard: a remote that never says "done" stops here instead of looping forever. */
const MAX_PAGES = 100_000;

export async function* pageThrough<T>(
  fetchPage: (page: number) => Promise<FetchedPage<T>>,
  firstPage: number,
  /**
   * Pages requested ahead while the caller handles one (0: one after another). Only pages the
   * remote's total count says exist are read ahead, never one past the end; the concurrency limit
   * per host still applies.
   */
  options: { readAhead?: number } = {},
): AsyncGenerator<Page<T>> {
  const readAhead = Math.max(0, options.readAhead ?? 0);
  const requested = new Map<number, Promise<FetchedPage<T>>>();
  const request = (page: number) => {
    if (requested.has(page)) return;
    const fetching = fetchPage(page);
    fetching.catch(() => {}); // met when its page's turn comes; ignored when the caller stops before
    requested.set(page, fetching);
  };
  let seen = 0;
  let lastKnownPage = firstPage;
  for (let page = firstPage; page < firstPage + MAX_PAGES; page += 1) {
    request(page);
    const fetched = await requested.get(page)!;
    requested.delete(page);
    if (fetched.items.length === 0) return;
    seen += fetched.items.length;
    const last = fetched.totalCount !== undefined ? seen >= fetched.totalCount : fetched.items.length < fetched.pageSize;
    if (fetched.totalCount !== undefined && fetched.pageSize > 0) lastKnownPage = firstPage + Math.ceil(fetched.totalCount / fetched.pageSize) - 1;
    // The next pages are on their way while the caller handles this one.
    if (!last) for (let ahead = page + 1; ahead <= Math.min(lastKnownPage, page + readAhead); ahead += 1) request(ahead);
    yield { items: fetched.items, page, ...(fetched.totalCount !== undefined ? { totalCount: fetched.totalCount } : {}) };
    if (last) return;
  }
}

/** All items of all pages, for small lists (categories, lookups). */
export async function collectAll<T>(pages: AsyncIterable<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...page.items);
  return items;
}

/** The first item on any page that matches, reading no further pages than needed. */
export async function findInPages<T>(pages: AsyncIterable<Page<T>>, matches: (item: T) => boolean): Promise<T | undefined> {
  for await (const page of pages) {
    const match = page.items.find(matches);
    if (match) return match;
  }
  return undefined;
}
