/** `npm start`: the whole product with the demo tenant. `-- --prod` serves a production build. */
import { PROFILES, runStackUntilStopped } from "./stack";

void runStackUntilStopped(PROFILES.dev);
