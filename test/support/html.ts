/** Small readers of rendered HTML for route tests. */

export function langOf(html: string): string | undefined {
  return /<html lang="([^"]+)"/.exec(html)?.[1];
}

export function titleOf(html: string): string | undefined {
  return /<title>([^<]*)<\/title>/.exec(html)?.[1];
}

export function count(html: string, pattern: RegExp): number {
  return [...html.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))]
    .length;
}
