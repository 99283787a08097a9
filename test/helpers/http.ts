/** Shapes of API responses the tests check that are not exported by the routes. */

export { errorResponseSchema } from '../../src/shared/app-error.js';
export { entryHistorySchema as historyResponseSchema } from '../../src/knowledge/knowledge.schema.js';

/** Chinese characters: messages a citizen sees must be in Chinese. */
export const HAN = /\p{Script=Han}/u;
