"""End-to-end check of `codehub mcp` with the official Python MCP SDK.

Usage: e2e_client.py CODEHUB_BINARY ROOT

Drives a real `codehub mcp ROOT` over stdio as an agent would: initialize, list the
tools, find a symbol, follow callers, pack context, get errors for unknown and
ambiguous names, edit a file, sync, see the edit in the graph, and keep working
across a `codehub stop` (a new daemon is started). Every step
asserts on content; any failure exits non-zero with the reason. Launched by
crates/cli/tests/mcp.rs, which sets up the fixture tree in ROOT (see there) and
checks the daemon afterwards.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

import anyio
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

EXPECTED_TOOLS = {
    "find_symbol",
    "get_node",
    "callers",
    "callees",
    "related_tests",
    "search",
    "context_pack",
    "changes_since",
    "sync",
    "status",
    "members",
    "hierarchy",
    "references",
    "impact",
}

# What the agent sees must never be JSON dumps: text with ids and locations.
EXTRA_FILE = '''from pkg.util import helper


def twice(x):
    """Apply helper twice."""
    return helper(helper(x))
'''


def text_of(result) -> str:
    return "\n".join(block.text for block in result.content if block.type == "text")


def check(condition: bool, what: str, result=None) -> None:
    if not condition:
        detail = ""
        if result is not None:
            detail = "\n--- tool answer ---\n" + text_of(result)
            detail += "\n--- structured ---\n" + json.dumps(result.structured_content, indent=1)
        raise AssertionError(what + detail)


async def call(session: ClientSession, name: str, args: dict | None = None):
    result = await session.call_tool(name, args or {}, read_timeout_seconds=120)
    print(f"[{name}] {json.dumps(args or {})} -> error={result.is_error}", file=sys.stderr)
    return result


async def call_ok(session: ClientSession, name: str, args: dict | None = None):
    result = await call(session, name, args)
    check(not result.is_error, f"{name} failed", result)
    check(result.structured_content is not None, f"{name}: no structured content", result)
    return result


async def wait_until_up(session: ClientSession) -> None:
    """Calls `sync` until the daemon (started by `codehub mcp`) answers; the tool
    says "starting" rather than hanging while its socket is not up."""
    deadline = time.monotonic() + 120
    while True:
        result = await call(session, "sync")
        if not result.is_error:
            check("Synced" in text_of(result), "sync answer", result)
            return
        kind = (result.structured_content or {}).get("error", {}).get("kind")
        check(kind in ("starting", "timeout"), "sync failed for another reason", result)
        check(time.monotonic() < deadline, "the daemon never came up", result)
        await anyio.sleep(0.2)


async def main(binary: str, root: Path) -> None:
    stray_output: list[Exception] = []

    async def on_message(message) -> None:
        # The SDK hands lines it cannot parse as JSON-RPC to the handler as exceptions:
        # anything on stdout that is not an MCP message shows up here.
        if isinstance(message, Exception):
            stray_output.append(message)

    params = StdioServerParameters(command=binary, args=["mcp", str(root)], cwd=str(root))
    with open(root.parent / "mcp-stderr.log", "w") as errlog:
        async with stdio_client(params, errlog=errlog) as (read, write):
            async with ClientSession(read, write, message_handler=on_message) as session:
                init = await session.initialize()
                check(init.server_info.name == "codehub", f"server name {init.server_info.name}")
                check(
                    "code graph" in (init.instructions or ""),
                    f"instructions: {init.instructions!r}",
                )

                tools = (await session.list_tools()).tools
                names = {t.name for t in tools}
                check(names == EXPECTED_TOOLS, f"tools: {sorted(names)}")
                for tool in tools:
                    schema = tool.input_schema
                    check(schema.get("type") == "object", f"{tool.name} input schema: {schema}")
                    check(bool(tool.description), f"{tool.name} has no description")
                find_schema = next(t for t in tools if t.name == "find_symbol").input_schema
                # `name` or `where` (a condition on custom fields): each is described.
                for param in ("name", "where"):
                    check(
                        "description" in find_schema["properties"][param],
                        f"find_symbol.{param} has no description: {find_schema}",
                    )

                await wait_until_up(session)

                found = await call_ok(session, "find_symbol", {"name": "helper"})
                text = text_of(found)
                check("pkg/util.py::helper" in text, "find_symbol id", found)
                check("pkg/util.py:1-3" in text, "find_symbol location", found)
                check("def helper(x)" in text, "find_symbol signature", found)
                check(not text.lstrip().startswith("{"), "find_symbol answered JSON", found)
                ids = [n["id"] for n in found.structured_content["nodes"]]
                check(ids == ["pkg/util.py::helper"], f"find_symbol structured ids {ids}", found)

                callers = await call_ok(session, "callers", {"node": "helper"})
                text = text_of(callers)
                check("pkg/core.py::Engine.run" in text, "callers lists Engine.run", callers)
                check("pkg/core.py:8" in text, "callers gives the call site", callers)
                check("pkg/extra.py::twice" not in text, "callers before the edit", callers)
                check(
                    text.rstrip().endswith("all call sites named helper are resolved (definite)"),
                    "callers ends by saying the answer is definite",
                    callers,
                )
                check(
                    callers.structured_content["possible_count"] == 0,
                    "callers counts the possible call sites",
                    callers,
                )
                runs = await call_ok(
                    session, "callers", {"node": "pkg/other.py::run", "possible": True}
                )
                check(
                    "possible call site" in text_of(runs) or "(definite)" in text_of(runs),
                    "callers of run end with the possible-edges line",
                    runs,
                )
                check(
                    runs.structured_content["possible_count"]
                    == len(runs.structured_content["possible"]),
                    "possible: true lists every possible caller",
                    runs,
                )

                tests = await call_ok(session, "related_tests", {"node": "Engine.run"})
                check("tests/test_core.py::test_run" in text_of(tests), "related_tests", tests)

                members = await call_ok(session, "members", {"node": "pkg/core.py::Engine"})
                check("pkg/core.py::Engine.run" in text_of(members), "members of Engine", members)
                refs = await call_ok(session, "references", {"node": "pkg/core.py::Engine"})
                check(
                    any(r["kind"] == "import" and r["src"] == "tests/test_core.py"
                        for r in refs.structured_content["references"]),
                    "references: the test module imports Engine",
                    refs,
                )
                tree = await call_ok(session, "hierarchy", {"node": "pkg/core.py::Engine"})
                check("bases" in text_of(tree), "hierarchy answers", tree)
                source = await call_ok(
                    session, "get_node", {"node": "pkg/core.py::Engine.run", "source": True}
                )
                check("def run(" in text_of(source), "get_node with source: true", source)
                node = await call_ok(session, "get_node", {"node": "pkg/core.py::Engine.run"})
                text = text_of(node)
                check("def run(self, n)" in text and "Run n jobs." in text, "get_node", node)

                missing = await call(session, "get_node", {"node": "no_such_thing"})
                check(missing.is_error, "an unknown name is a tool error", missing)
                check("No node matches" in text_of(missing), "not_found text", missing)
                check(missing.structured_content["error"]["kind"] == "not_found", "kind", missing)

                ambiguous = await call(session, "callers", {"node": "run"})
                check(ambiguous.is_error, "an ambiguous name is a tool error", ambiguous)
                text = text_of(ambiguous)
                check("ambiguous" in text, "ambiguous text", ambiguous)
                check(
                    "pkg/core.py::Engine.run" in text and "pkg/other.py::run" in text,
                    "ambiguous lists the candidates",
                    ambiguous,
                )

                hits = await call_ok(session, "search", {"query": "jobs"})
                check("pkg/core.py::Engine.run" in text_of(hits), "search", hits)

                status = await call_ok(session, "status")
                before = status.structured_content["clock"]
                check("first index: done" in text_of(status), "status after sync", status)

                # An agent edits a file: a new caller of helper.
                (root / "pkg" / "extra.py").write_text(EXTRA_FILE)
                synced = await call_ok(session, "sync")
                check(synced.structured_content["clock"] > before, "sync moved the clock", synced)

                callers = await call_ok(session, "callers", {"node": "helper"})
                text = text_of(callers)
                check("pkg/extra.py::twice" in text, "callers sees the new caller", callers)
                check("pkg/extra.py:6" in text, "the new call site", callers)

                changes = await call_ok(session, "changes_since", {"clock": before})
                listed = {c["node_id"] for c in changes.structured_content["changes"]}
                check("pkg/extra.py::twice" in listed, f"changes_since {listed}", changes)
                check("added pkg/extra.py::twice" in text_of(changes), "changes text", changes)

                # Last: it needs `context.pack` in the daemon.
                pack = await call_ok(
                    session, "context_pack", {"nodes": ["Engine.run"], "budget": 400}
                )
                text = text_of(pack)
                packed = pack.structured_content
                check("def run(self, n)" in text, "context_pack has the seed's source", pack)
                check(packed["tokens"] <= 400, "context_pack kept to its budget", pack)
                roles = {item["id"]: item["role"] for item in packed["included"]}
                check(roles.get("pkg/core.py::Engine.run") == "seed", f"pack roles {roles}", pack)

                # The user stops the daemon mid-session: the next call starts another.
                first_pid = status.structured_content["daemon"]["pid"]
                stop = subprocess.run([binary, "stop"], cwd=root, capture_output=True, text=True)
                check(stop.returncode == 0, f"codehub stop: {stop.stderr}")
                await wait_until_up(session)
                status = await call_ok(session, "status")
                again_pid = status.structured_content["daemon"]["pid"]
                check(again_pid != first_pid, f"a new daemon answers ({first_pid})", status)
                callers = await call_ok(session, "callers", {"node": "helper"})
                check("pkg/extra.py::twice" in text_of(callers), "the graph survived", callers)

    check(not stray_output, f"non-MCP output on stdout: {stray_output!r}")
    print("e2e ok: 14 tools, find/callers/tests/search/context/errors/edit/sync/changes/restart")


if __name__ == "__main__":
    anyio.run(main, sys.argv[1], Path(sys.argv[2]))
