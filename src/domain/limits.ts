/** Length limits shared by request schemas and database constraints. */
export const limits = {
  code: 64,
  name: 200,
  title: 200,
  text: 10_000,
  url: 2_000,
  pageSize: 20,
  /** Deepest page a list offers; past it, filters narrow the list instead. */
  maxPage: 500,
} as const;
