import { BOXES } from "./layout";

const SHOWN = 3;

/** Beside the figure's User box: the users' networks that reported from a user probe, and their addresses. */
export function UsersNote({ users }: { users: readonly { readonly name: string; readonly host: string }[] }) {
  const box = BOXES.find((b) => b.id === "user")!;
  const lines = users.slice(0, SHOWN).map((u) => `${u.name}, from ${u.host}`);
  if (users.length > SHOWN) lines.push(`and ${users.length - SHOWN} more`);
  return (
    <g data-users-note="">
      {lines.map((line, i) => (
        <text key={line} x={box.x + box.w + 10} y={box.y + 14 + i * 15} fontSize={11} className="fill-slate-700 dark:fill-slate-300">
          {line}
        </text>
      ))}
    </g>
  );
}
