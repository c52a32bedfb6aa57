// Failures nobody waits for (a background request, a store write after the fact) are never silent:
// they are logged with what was being done, for the console and bug reports.

/**
 * @param {string} doing what failed, as a phrase: "saving a receipt"
 * @returns {(error: unknown) => void} a rejection handler
 */
export const logFailure = (doing) => (error) => {
  console.error(`Parley: ${doing} failed:`, error);
};
