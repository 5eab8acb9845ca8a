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

export async function* pageThrough<T>(fetchPage: (page: number) => Promise<FetchedPage<T>>, firstPage: number): AsyncGenerator<Page<T>> {
  let seen = 0;
  for (let page = firstPage; page < firstPage + MAX_PAGES; page += 1) {
    const fetched = await fetchPage(page);
    if (fetched.items.length === 0) return;
    yield { items: fetched.items, page, ...(fetched.totalCount !== undefined ? { totalCount: fetched.totalCount } : {}) };
    seen += fetched.items.length;
    if (fetched.totalCount !== undefined ? seen >= fetched.totalCount : fetched.items.length < fetched.pageSize) return;
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
