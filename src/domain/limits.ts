/** Length limits shared by request schemas and database constraints. */
export const limits = {
  code: 64,
  name: 200,
  title: 200,
  text: 10_000,
  url: 2_000,
  /** The longest e-mail address SMTP carries (RFC 5321: a 256-octet path less its brackets). */
  email: 254,
  pageSize: 20,
  /**
   * Deepest page a list offers; past it, filters narrow the list instead. It also caps
   * the count a list reads ("1,000件以上"), so a list costs the same at any size.
   */
  maxPage: 50,
} as const;
