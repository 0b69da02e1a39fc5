import * as ssh2Namespace from "ssh2";

// ssh2 is CommonJS whose exports Node's ESM loader cannot name statically; take them off the
// module object so this works whether tsx, vitest or Next load the file as ESM or CJS.
const ssh2 = (ssh2Namespace as unknown as { default?: typeof ssh2Namespace }).default ?? ssh2Namespace;

export const Client = ssh2.Client;
export const Server = ssh2.Server;
export const ssh2Utils = ssh2.utils;
export type { AnyAuthMethod, AuthenticationType, ClientChannel, ConnectConfig, ParsedKey } from "ssh2";
