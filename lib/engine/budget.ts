import { FairLimiter } from "../probe/fair-limiter";
import { Limiter } from "../probe/limiter";

/**
 * File descriptors and CPU belong to the process, not to a run: ten runs at once share these,
 * so they queue instead of failing with EMFILE or starving each other's SSH handshakes. Probe
 * sockets go round robin by client, so no client's dropped range holds up another's answers.
 */
export const PROCESS_SOCKETS = new FairLimiter(4096);
export const PROCESS_SESSIONS = new Limiter(48);
