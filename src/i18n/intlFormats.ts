import { LRUCache } from 'lru-cache';

export type DisplayNameType = 'language' | 'region';

/**
 * Intl formatters, each built once per locale tag and options. Building one
 * costs 20–100 µs (a DateTimeFormat about as much as a whole customer list
 * lookup); using one costs 1–4 µs. Tags and time zones come from clients, so
 * the cache is bounded.
 */
export class IntlFormats {
  private readonly cache = new LRUCache<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>({ max: 500 });

  number(locale: string): Intl.NumberFormat {
    return this.remembered(`number\n${locale}`, () => new Intl.NumberFormat(locale));
  }

  dateTime(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    return this.remembered(`dateTime\n${locale}\n${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
  }

  displayNames(locale: string, type: DisplayNameType): Intl.DisplayNames {
    return this.remembered(`displayNames\n${locale}\n${type}`, () => new Intl.DisplayNames([locale], { type, fallback: 'code' }));
  }

  private remembered<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>(key: string, create: () => T): T {
    let format = this.cache.get(key) as T | undefined;
    if (!format) this.cache.set(key, (format = create()));
    return format;
  }
}
