import { servicesPorts } from "@/lib/diagnose/circleci-ports";
import type { ArrowId } from "@/lib/diagnose/catalog";

/** The services box as CircleCI's figure labels it: the ports every version shares, then by version. */
const [rpc, output, vmService] = servicesPorts("4");
const SERVICES_LINES = [
  `${rpc!.purpose} ${rpc!.port} · ${output!.purpose} ${output!.port}`,
  `VM service ${vmService!.port} (3.x/4.x) · ${servicesPorts("2")
    .slice(2)
    .map((p) => p.port)
    .join(", ")} (2.x)`,
];

/** Coordinates of the figure, in viewBox units (the SVG scales to its container's width). */
export const VIEWBOX = { width: 1040, height: 590 } as const;

export type Point = readonly [number, number];

export interface BoxLayout {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly title: string;
  readonly lines: readonly string[];
  /** A machine, the Nomad client that holds the inner boxes, or a box inside it. */
  readonly kind: "machine" | "container" | "inner";
}

export interface ArrowLayout {
  readonly points: readonly Point[];
  /** First baseline of the two-line label; `anchor` is SVG's text-anchor. */
  readonly label: { readonly x: number; readonly y: number; readonly anchor: "start" | "middle" };
  readonly bothEnds?: boolean;
  /** No backdrop behind the label: nothing crosses it, and a white patch would show on the container. */
  readonly plain?: boolean;
}

export const BOXES: readonly BoxLayout[] = [
  { id: "doctor", x: 20, y: 20, w: 200, h: 64, title: "Rerun Doctor", lines: ["admin's dashboard"], kind: "machine" },
  {
    id: "services",
    x: 620,
    y: 20,
    w: 400,
    h: 84,
    title: "Services machine",
    lines: SERVICES_LINES,
    kind: "machine",
  },
  { id: "metadata", x: 20, y: 196, w: 170, h: 70, title: "AWS instance metadata", lines: ["169.254.169.254"], kind: "machine" },
  { id: "nomad", x: 330, y: 160, w: 370, h: 270, title: "Nomad client", lines: [], kind: "container" },
  { id: "outer", x: 350, y: 200, w: 130, h: 52, title: "outer", lines: ["agent"], kind: "inner" },
  { id: "override", x: 350, y: 340, w: 180, h: 60, title: "override file¹", lines: ["/etc/circleci/public-ipv4"], kind: "inner" },
  { id: "docker-1", x: 535, y: 196, w: 150, h: 36, title: "Docker job", lines: [], kind: "inner" },
  { id: "docker-2", x: 535, y: 240, w: 150, h: 36, title: "Docker job", lines: [], kind: "inner" },
  { id: "docker-3", x: 535, y: 284, w: 150, h: 36, title: "Docker job", lines: [], kind: "inner" },
  { id: "vm", x: 820, y: 196, w: 200, h: 90, title: "Machine job", lines: ["VM (machine executor)"], kind: "machine" },
  { id: "user", x: 160, y: 500, w: 200, h: 64, title: "User", lines: ["ssh -p <port> <ip>"], kind: "machine" },
];

export const ARROWS: Readonly<Record<ArrowId, ArrowLayout>> = {
  inspect: {
    points: [
      [220, 52],
      [400, 52],
      [400, 158],
    ],
    label: { x: 410, y: 108, anchor: "start" },
  },
  services: {
    points: [
      [660, 158],
      [660, 106],
    ],
    label: { x: 670, y: 128, anchor: "start" },
    bothEnds: true,
  },
  metadata: {
    points: [
      [348, 226],
      [192, 226],
    ],
    label: { x: 260, y: 250, anchor: "middle" },
  },
  advertise: {
    points: [
      [415, 254],
      [415, 338],
    ],
    label: { x: 425, y: 290, anchor: "start" },
    plain: true,
  },
  "rerun-ports": {
    points: [
      [360, 520],
      [610, 520],
      [610, 322],
    ],
    label: { x: 620, y: 462, anchor: "start" },
  },
  machine: {
    points: [
      [360, 548],
      [920, 548],
      [920, 288],
    ],
    label: { x: 930, y: 420, anchor: "start" },
  },
  "vm-from-client": {
    points: [
      [702, 240],
      [818, 240],
    ],
    label: { x: 760, y: 212, anchor: "middle" },
  },
};

export const pathOf = (points: readonly Point[]) => points.map(([x, y], i) => `${i === 0 ? "M" : "L"}${x} ${y}`).join(" ");

/** A filled triangle whose tip is `tip`, pointing away from `from`. */
export function arrowhead(from: Point, tip: Point, size = 9): string {
  const [fx, fy] = from;
  const [tx, ty] = tip;
  const length = Math.hypot(tx - fx, ty - fy) || 1;
  const [ux, uy] = [(tx - fx) / length, (ty - fy) / length];
  const [bx, by] = [tx - ux * size, ty - uy * size];
  const [px, py] = [-uy * size * 0.55, ux * size * 0.55];
  return [
    [tx, ty],
    [bx + px, by + py],
    [bx - px, by - py],
  ]
    .map(([x, y]) => `${round(x!)},${round(y!)}`)
    .join(" ");
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Rough text width for the label's backdrop: the SVG cannot measure text on the server. */
export const textWidth = (text: string, fontSize: number) => Math.ceil(text.length * fontSize * 0.54);
