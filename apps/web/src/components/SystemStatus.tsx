/**
 * Small island that asks Core for its health, proving the same-origin /api path end to end.
 */
import { useEffect, useState } from "preact/hooks";

type Status = "checking" | "ok" | "down";

export default function SystemStatus() {
	const [status, setStatus] = useState<Status>("checking");
	useEffect(() => {
		let alive = true;
		fetch("/api/v1/health")
			.then((res) => {
				if (alive) setStatus(res.ok ? "ok" : "down");
			})
			.catch(() => {
				if (alive) setStatus("down");
			});
		return () => {
			alive = false;
		};
	}, []);
	const text = {
		checking: "Checking the service…",
		ok: "All systems operational",
		down: "The service is not reachable right now",
	}[status];
	return (
		<p role="status" data-status={status}>
			{text}
		</p>
	);
}
