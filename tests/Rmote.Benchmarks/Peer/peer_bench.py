"""Drives the Python rmote (imported from RMOTE_PEER_PYTHONPATH) through the figures Rmote.Benchmarks' cold suite
measures on our side, one fresh interpreter per run, and prints them as one JSON object.

    python3 peer_bench.py first-call   # start a local `python3 -qui` agent, call once, report timings and RSS
    python3 peer_bench.py ping         # the whole-process case: start, call once, exit, print nothing

This is Rmote.Actors' own driver (rmote has no benchmark program); only rmote's public API is used.
"""
import asyncio
import json
import sys
import time

from rmote.protocol import Protocol
from peer_tools import PeerTools


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError("no VmRSS")


async def first_call(measure_memory: bool) -> dict[str, float]:
    started = time.perf_counter()
    agent = await asyncio.create_subprocess_exec(
        sys.executable, "-qui",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        proto = await Protocol.from_subprocess(agent)
        async with proto:
            if await proto(PeerTools.echo, 42) != 42:
                raise RuntimeError("echo returned the wrong value")
            result = {"start_first_call_ms": (time.perf_counter() - started) * 1000}
            if measure_memory:
                await asyncio.sleep(1)
                result["agent_idle_rss_mb"] = rss_mb(agent.pid)
                for i in range(10_000):
                    await proto(PeerTools.echo, i)
                result["agent_rss_after_10k_calls_mb"] = rss_mb(agent.pid)
            return result
    finally:
        if agent.returncode is None:
            agent.terminate()
        await agent.wait()


def main() -> int:
    mode = sys.argv[1] if len(sys.argv) > 1 else "first-call"
    result = asyncio.run(first_call(measure_memory=mode == "first-call"))
    if mode != "ping":
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
