import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** A rendered public page, kept until public content changes. */
export interface CachedPage {
  body: Buffer;
  contentType: string;
  etag: string;
}

/**
 * Rendered public pages keyed by URL. Any change to public content bumps the tenant's
 * content version; the cache empties when it sees a new version, so a page is never
 * served staler than one poll interval, whichever process made the change.
 */
export class PageCache {
  private readonly pages = new LRUCache<string, CachedPage>({
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (page) => page.body.length + 200,
  });
  private version: number | undefined;
  private day: string | undefined;

  constructor(readonly enabled: boolean) {}

  get(key: string): CachedPage | undefined {
    return this.enabled ? this.pages.get(key) : undefined;
  }

  set(key: string, body: Buffer, contentType: string): CachedPage {
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    const page = { body, contentType, etag };
    if (this.enabled) {
      this.pages.set(key, page);
    }
    return page;
  }

  /** Records the content version seen in the database; a new one empties the cache. */
  observe(version: number): void {
    if (this.version !== version) {
      this.pages.clear();
      this.version = version;
    }
  }

  /**
   * Records the tenant's today; a new day empties the cache, because pages say what is open
   * on a date (a theme call closes by itself after its last day).
   */
  observeDay(day: string): void {
    if (this.day !== day) {
      this.pages.clear();
      this.day = day;
    }
  }

  clear(): void {
    this.pages.clear();
  }
}
