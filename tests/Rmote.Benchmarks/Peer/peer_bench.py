"""Drives the Python rmote (imported from RMOTE_PEER_PYTHONPATH) through the figures Rmote.Benchmarks' cold suite
measures on our side, one fresh interpreter per run, and prints them as one JSON object.

    python3 peer_bench.py first-call   # start a local `python3 -qui` agent, call once, report timings and RSS
    python3 peer_bench.py ping         # the whole-process case: start, call once, exit, print nothing
    python3 peer_bench.py fanout-local N                    # N local agents at once, one call each
    python3 peer_bench.py ssh HOST PORT USER KEY KNOWN_HOSTS  # over ssh: first call, round trip, 20 at once

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


async def local_once() -> None:
    agent = await asyncio.create_subprocess_exec(
        sys.executable, "-qui",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        async with await Protocol.from_subprocess(agent) as proto:
            await proto(PeerTools.echo, 1)
    finally:
        if agent.returncode is None:
            agent.terminate()
        await agent.wait()


async def fanout_local(count: int) -> dict[str, float]:
    # rmote's answer to many hosts: asyncio.gather over one Protocol each; one failure fails the gather.
    started = time.perf_counter()
    await asyncio.gather(*(local_once() for _ in range(count)))
    return {f"local_fanout{count}_s": time.perf_counter() - started}


async def ssh_once(target: list[str], calls: int = 0) -> float:
    host, port, user, key, known_hosts = target
    options = ["-o", "UserKnownHostsFile=" + known_hosts, "-o", "GlobalKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes",
               "-o", "IdentityAgent=none", "-o", "BatchMode=yes"]
    async with await Protocol.from_ssh(host, user=user, port=int(port), identity=key, ssh_options=options) as proto:
        await proto(PeerTools.echo, 1)
        started = time.perf_counter()
        for i in range(calls):
            await proto(PeerTools.echo, i)
        return (time.perf_counter() - started) / calls * 1e6 if calls else 0.0


async def over_ssh(target: list[str]) -> dict[str, float]:
    started = time.perf_counter()
    await ssh_once(target)
    result = {"ssh_start_first_call_ms": (time.perf_counter() - started) * 1000}
    result["ssh_seq_roundtrip_us"] = await ssh_once(target, calls=1000)
    started = time.perf_counter()
    outcomes = await asyncio.gather(*(ssh_once(target) for _ in range(20)), return_exceptions=True)
    result["ssh_fanout20_s"] = time.perf_counter() - started
    result["ssh_fanout20_failures"] = float(sum(1 for o in outcomes if isinstance(o, BaseException)))
    return result


def main() -> int:
    mode = sys.argv[1] if len(sys.argv) > 1 else "first-call"
    if mode == "fanout-local":
        result = asyncio.run(fanout_local(int(sys.argv[2])))
    elif mode == "ssh":
        result = asyncio.run(over_ssh(sys.argv[2:7]))
    else:
        result = asyncio.run(first_call(measure_memory=mode == "first-call"))
    if mode != "ping":
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
