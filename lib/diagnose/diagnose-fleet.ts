import { diagnoseClient } from "./diagnose-client";
import { finding } from "./catalog";
import type { ClientDiagnosis, ClientObservation, DiagnoseContext } from "./types";
import { inContractOrder, verdictOf } from "./verdict";

function indexesByAdvertisedIp(diagnoses: readonly ClientDiagnosis[]): Map<string, number[]> {
  const byIp = new Map<string, number[]>();
  diagnoses.forEach((diagnosis, index) => {
    if (diagnosis.advertisedIp === null) return;
    byIp.set(diagnosis.advertisedIp, [...(byIp.get(diagnosis.advertisedIp) ?? []), index]);
  });
  return byIp;
}

/** Per-client diagnoses (same order as the input) plus the fleet-wide OVERRIDE_DUPLICATE. */
export function diagnoseFleet(observations: readonly ClientObservation[], ctx: DiagnoseContext): ClientDiagnosis[] {
  const diagnoses = observations.map((obs) => diagnoseClient(obs, ctx));
  const byIp = indexesByAdvertisedIp(diagnoses);
  return diagnoses.map((diagnosis, index) => {
    const ip = diagnosis.advertisedIp;
    const sharing = ip === null ? [] : (byIp.get(ip) ?? []);
    if (ip === null || sharing.length < 2) return diagnosis;
    const otherNames = sharing.filter((other) => other !== index).map((other) => observations[other]!.target.name);
    const duplicate = finding("OVERRIDE_DUPLICATE", "error", { ip, source: diagnosis.advertisedIpSource, otherNames });
    const findings = inContractOrder([...diagnosis.findings, duplicate]);
    return { ...diagnosis, findings, verdict: verdictOf(findings, diagnosis.verdict !== "unknown") };
  });
}
