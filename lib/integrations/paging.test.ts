import { describe, expect, it } from "vitest";
import { collectAll, pageThrough, type FetchedPage } from "./paging";

/** A list of `total` numbered items served `pageSize` at a time (1-based pages), recording each request and how many were open at once. */
function remoteList(total: number, pageSize: number, options: { failPage?: number; reportTotal?: boolean } = {}) {
  const requests: number[] = [];
  let open = 0;
  let mostOpen = 0;
  const fetchPage = async (page: number): Promise<FetchedPage<number>> => {
    requests.push(page);
    open += 1;
    mostOpen = Math.max(mostOpen, open);
    await new Promise((resolve) => setImmediate(resolve));
    open -= 1;
    if (page === options.failPage) throw new Error(`page ${page} failed`);
    const items = Array.from({ length: Math.max(0, Math.min(pageSize, total - (page - 1) * pageSize)) }, (_, i) => (page - 1) * pageSize + i + 1);
    return { items, pageSize, ...(options.reportTotal === false ? {} : { totalCount: total }) };
  };
  return { fetchPage, requests, mostOpen: () => mostOpen };
}

describe("pageThrough", () => {
  it("reads one page after another by default, and stops at the total", async () => {
    const list = remoteList(25, 10);
    expect(await collectAll(pageThrough(list.fetchPage, 1))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(list.requests).toEqual([1, 2, 3]);
    expect(list.mostOpen()).toBe(1);
  });

  it("reads ahead up to the limit once the total is known, in order, and never past the last page", async () => {
    const list = remoteList(95, 10);
    const pages: number[] = [];
    for await (const page of pageThrough(list.fetchPage, 1, { readAhead: 4 })) {
      // The caller handles a page while the next ones are on their way.
      await new Promise((resolve) => setImmediate(resolve));
      pages.push(page.page);
    }
    expect(pages).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([...list.requests].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(list.mostOpen()).toBe(4);
  });

  it("without a total it cannot know the end, so it reads one page at a time", async () => {
    const list = remoteList(25, 10, { reportTotal: false });
    expect(await collectAll(pageThrough(list.fetchPage, 1, { readAhead: 4 }))).toHaveLength(25);
    expect(list.requests).toEqual([1, 2, 3]);
    expect(list.mostOpen()).toBe(1);
  });

  it("fails at the page that failed, after yielding the pages before it", async () => {
    const list = remoteList(95, 10, { failPage: 3 });
    const pages: number[] = [];
    await expect(
      (async () => {
        for await (const page of pageThrough(list.fetchPage, 1, { readAhead: 4 })) pages.push(page.page);
      })(),
    ).rejects.toThrow("page 3 failed");
    expect(pages).toEqual([1, 2]);
  });
});
