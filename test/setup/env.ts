// Runs in every e2e worker before the test file.
process.env.TZ = 'UTC';
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
// Tests exercise the general rate limit explicitly; by default it stays out of the way.
process.env.RATE_LIMIT_PER_MINUTE = process.env.TEST_RATE_LIMIT_PER_MINUTE ?? '0';
// Likewise the Socket.IO handshake limit per address (every test connects from 127.0.0.1).
process.env.REALTIME_HANDSHAKES_PER_MINUTE = process.env.TEST_REALTIME_HANDSHAKES_PER_MINUTE ?? '0';
// The development inbox (GET /dev/mail) answers every mail only with this token (test/support/test-app.ts).
process.env.DEV_MAIL_TOKEN = 'test-dev-mail-token-not-a-secret';
