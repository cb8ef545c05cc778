/** Every portal page template, by its Japanese path; English ones sit under /en. */
export const portalPages = [
  '/',
  '/challenges',
  '/challenges/1',
  '/cases',
  '/cases/1',
  '/events',
  '/methods',
  '/process',
  '/about',
  '/accessibility',
  '/open-data',
];
