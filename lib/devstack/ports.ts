/**
 * Fixed ports of the local stacks. APICENTER_PORT_OFFSET shifts all of them, so two checkouts on
 * one machine (say, two branches under test) can run their stacks and test suites side by side.
 */
const offset = Number(process.env.APICENTER_PORT_OFFSET ?? 0);

export const PORTS = {
  devPostgres: 5499 + offset,
  testPostgres: 5498 + offset,
  /** The benchmark's own server (bench/run.ts): the test server is stopped by whichever test run started it. */
  benchPostgres: 5497 + offset,
  e2eWeb: 3100 + offset,
  e2eCscartSim: 4201 + offset,
  e2eVismaSim: 4202 + offset,
  /** Workers' health and metrics ports (WORKER_HTTP_PORT): `npm start`'s, the e2e stack's. */
  devWorkerHttp: 9465 + offset,
  e2eWorkerHttp: 9466 + offset,
  /** The production test's own web server and worker (e2e/production.spec.ts). */
  prodTestWeb: 3105 + offset,
  prodTestWorkerHttp: 9467 + offset,
  /** The local mailbox (lib/devstack/mailbox.ts): SMTP, and for e2e also its HTTP message list. */
  devMailSmtp: 4103 + offset,
  e2eMailSmtp: 4203 + offset,
  e2eMailbox: 4204 + offset,
} as const;

export const E2E_BASE_URL = `http://localhost:${PORTS.e2eWeb}`;

/** Test-only: the metrics token of the e2e stack's processes, and where it lays out the image. */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-not-secret";
export const E2E_IMAGE_DIR = ".data/image-e2e";
