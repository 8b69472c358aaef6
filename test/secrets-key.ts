/**
 * The master key of organisation secrets that every test app and test server uses: test files share one
 * PostgreSQL database, whose key check accepts one key only.
 */
export const TEST_SECRETS_KEY_HEX = '7e57'.repeat(16);

export const testSecretsKey = () => ({
  key: Buffer.from(TEST_SECRETS_KEY_HEX, 'hex'),
  source: 'the tests key',
});
