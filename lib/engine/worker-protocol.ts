import type { UsersNetwork } from "../diagnose/users-networks";
import type { NomadDiscovery } from "../inventory/types";
import type { ClientReport, Report } from "../report/schema";

/** From the web server's main thread to the engine worker. */
export type ToEngine =
  | {
      readonly type: "start";
      readonly id: string;
      readonly inventoryFile: string;
      /** Users' addresses from user probes' uploads: more users networks for the host checks, never probed. */
      readonly learnedUsers?: readonly UsersNetwork[];
    }
  | { readonly type: "cancel"; readonly id: string };

/** From the engine worker back: a run's plan, each client as it finishes, then its end. */
export type FromEngine =
  | {
      readonly type: "plan";
      readonly id: string;
      readonly total: number;
      readonly nomad: NomadDiscovery | null;
      readonly positions: readonly string[];
    }
  | { readonly type: "client"; readonly id: string; readonly client: ClientReport }
  | { readonly type: "done"; readonly id: string; readonly report: Report }
  | { readonly type: "ended"; readonly id: string; readonly cancelled: boolean; readonly message: string | null };
