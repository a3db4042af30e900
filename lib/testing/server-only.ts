/**
 * Tests run query modules outside Next's react-server build, where the real `server-only`
 * package throws by design; vitest.config.ts aliases it to this empty module.
 */
export {};
