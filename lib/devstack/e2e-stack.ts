/** Started by Playwright's webServer: the product on the e2e ports with a fresh database. */
import { PROFILES, runStackUntilStopped } from "./stack";

void runStackUntilStopped(PROFILES.e2e);
