/**
 * Finds every TCP port a set of process groups listens on (Linux /proc), so tests can probe all
 * of them, not just the documented ones.
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

export interface ListeningSocket {
	pid: number;
	address: string;
	port: number;
}

function processGroup(pid: number): number | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
		// Fields after the command name (which may contain spaces) start after the last ")".
		const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
		return Number(fields[2]);
	} catch {
		return null;
	}
}

function socketInodes(pid: number): Set<string> {
	const inodes = new Set<string>();
	try {
		for (const fd of readdirSync(`/proc/${pid}/fd`)) {
			try {
				const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
				const m = /^socket:\[(\d+)\]$/.exec(target);
				if (m?.[1]) inodes.add(m[1]);
			} catch {
				// fd closed meanwhile
			}
		}
	} catch {
		// process gone
	}
	return inodes;
}

function hexToAddress(hex: string): string {
	if (hex.length === 8) {
		return [3, 2, 1, 0].map((i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join(".");
	}
	return hex === "00000000000000000000000001000000" ? "::1" : hex === "0".repeat(32) ? "::" : hex;
}

/** Every listening TCP socket owned by a process in one of the given process groups. */
export function listeningSockets(groups: number[]): ListeningSocket[] {
	const wanted = new Set(groups);
	const pids = readdirSync("/proc")
		.filter((d) => /^\d+$/.test(d))
		.map(Number)
		.filter((pid) => {
			const group = processGroup(pid);
			return group !== null && wanted.has(group);
		});
	const owner = new Map<string, number>();
	for (const pid of pids) for (const inode of socketInodes(pid)) owner.set(inode, pid);
	const sockets: ListeningSocket[] = [];
	for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
		let lines: string[] = [];
		try {
			lines = readFileSync(file, "utf8").trim().split("\n").slice(1);
		} catch {
			continue;
		}
		for (const line of lines) {
			const cols = line.trim().split(/\s+/);
			const [local, , state] = [cols[1] ?? "", cols[2], cols[3]];
			const inode = cols[9] ?? "";
			if (state !== "0A") continue;
			const pid = owner.get(inode);
			if (pid === undefined) continue;
			const [addrHex = "", portHex = ""] = local.split(":");
			sockets.push({ pid, address: hexToAddress(addrHex), port: Number.parseInt(portHex, 16) });
		}
	}
	return sockets;
}
