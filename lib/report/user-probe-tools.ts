/** How a user's machine probed: bash's /dev/tcp, nc, curl's connect, or PowerShell's TcpClient. */
export const USER_PROBE_TOOLS = ["bash", "nc", "curl", "powershell"] as const;
export type UserProbeTool = (typeof USER_PROBE_TOOLS)[number];
