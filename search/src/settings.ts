/**
 * Index settings, shared in meaning by both engines. Searchable attributes are in
 * order of importance: a title match outranks one in the topic or enterprise,
 * which outranks the body text.
 */
export const searchableAttributes = [
  'title',
  'topicTitle',
  'trackName',
  'enterprise',
  'dataNames',
  'businessNeed',
  'techGoals',
  'acceptanceCriteria',
  'dataDescriptions',
  'region',
];

export const filterableAttributes = ['editionId', 'trackId', 'topicId', 'region', 'accessModes', 'budgetCny', 'bidDeadlineTs', 'status'];
export const sortableAttributes = ['budgetCny', 'publishedAtTs', 'bidDeadlineTs'];
export const facetAttributes = { track: 'trackId', region: 'region', access: 'accessModes' } as const;
