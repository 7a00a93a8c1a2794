import { expect, it } from 'vitest';

/** True when the tests run with a real Secret Service (scripts/with-secret-service.sh). */
export const hasSecretService = process.env.DUST_TRAY_SECRET_SERVICE === 'gnome-keyring';

/**
 * For a describe block that needs the real Secret Service: true when it is there. Otherwise it
 * registers the test that says so (a failure in CI, where it must be there; a skip elsewhere)
 * and returns false, so the block returns before its own tests.
 */
export function needsSecretService(): boolean {
  if (hasSecretService) return true;
  if (process.env.CI) {
    it('needs a real Secret Service in CI', () =>
      expect.fail('Run under scripts/with-secret-service.sh (npm test does).'));
  } else {
    it.skip('needs a real Secret Service: bash scripts/with-secret-service.sh npx vitest run <this file>', () =>
      undefined);
  }
  return false;
}
