import { Limiter } from "../probe/limiter";

/**
 * File descriptors and CPU belong to the process, not to a run: ten runs at once share these,
 * so they queue instead of failing with EMFILE or starving each other's SSH handshakes.
 */
export const PROCESS_SOCKETS = new Limiter(4096);
export const PROCESS_SESSIONS = new Limiter(48);
