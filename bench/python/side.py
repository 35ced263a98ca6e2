"""Temporal's Python plugin side of the bench (temporalio-openai-agents), in its own process.

It serves the driver's requests exactly as the TypeScript sides do (bench/src/protocol.ts): JSON lines,
requests on stdin, a hello and then one response per request on stdout, logs on stderr.
"""

import asyncio
import json
import os
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from importlib.metadata import version
from typing import Any

from agents import set_trace_processors
from temporalio.client import Client, WorkflowHistory
from temporalio.openai_agents import ModelActivityParameters, OpenAIAgentsPlugin
from temporalio.worker import Replayer, Worker

import workload
from workflows import WORKFLOWS


def send(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def describe(error: BaseException) -> str:
    """An error's message with its causes' ("Workflow execution failed: <the termination reason>")."""
    messages: list[str] = []
    current: BaseException | None = error
    while current is not None and len(messages) < 5:
        messages.append(str(current) or type(current).__name__)
        current = current.__cause__
    return ": ".join(messages)


class PythonSide:
    def __init__(self, client: Client, plugin: OpenAIAgentsPlugin) -> None:
        self.client = client
        self.plugin = plugin
        self.task_queue = f"bench-python-{os.getpid()}"
        self.worker: Worker | None = None
        self.running: asyncio.Task[None] | None = None

    async def bundle(self, kind: str) -> dict[str, Any]:
        raise RuntimeError("Python workflows are not bundled: the worker's sandbox imports the workflow module")

    async def start_worker(self) -> dict[str, Any]:
        if self.worker:
            raise RuntimeError("the worker is already running")
        options = workload.WORKER_OPTIONS
        # The plugin comes from the client, as with Temporal's other SDKs' client plugins.
        self.worker = Worker(
            self.client,
            task_queue=self.task_queue,
            workflows=WORKFLOWS,
            activities=[workload.lookup, workload.noop],
            max_concurrent_workflow_tasks=options["maxConcurrentWorkflowTaskExecutions"],
            max_concurrent_activities=options["maxConcurrentActivityTaskExecutions"],
            max_cached_workflows=options["maxCachedWorkflows"],
        )
        self.running = asyncio.create_task(self.worker.run())
        return {}

    async def execute(self, workflow: str, args: list[Any], workflowId: str, timeoutSeconds: float) -> dict[str, Any]:
        result = await self.client.execute_workflow(
            workflow,
            args=args,
            id=workflowId,
            task_queue=self.task_queue,
            execution_timeout=timedelta(seconds=timeoutSeconds),
        )
        return {"result": result}

    async def replay(self, workflowId: str, times: int) -> dict[str, Any]:
        history = await self.client.get_workflow_handle(workflowId).fetch_history()

        async def histories() -> AsyncIterator[WorkflowHistory]:
            for i in range(times):
                yield WorkflowHistory(workflow_id=f"replay-{i}", events=history.events)

        replayer = Replayer(workflows=WORKFLOWS, plugins=[self.plugin])
        ms: list[float] = []
        cpu_ms: list[float] = []
        last = time.perf_counter()
        last_cpu = time.process_time()
        async with replayer.workflow_replay_iterator(histories()) as results:
            async for result in results:
                if result.replay_failure:
                    raise result.replay_failure
                now = time.perf_counter()
                now_cpu = time.process_time()
                ms.append((now - last) * 1000)
                cpu_ms.append((now_cpu - last_cpu) * 1000)
                last = now
                last_cpu = now_cpu
        return {"ms": ms, "cpuMs": cpu_ms}

    async def stop(self) -> dict[str, Any]:
        if self.worker and self.running:
            await self.worker.shutdown()
            await self.running
        self.worker = None
        return {}


async def main() -> None:
    address = os.environ.get("BENCH_TEMPORAL_ADDRESS")
    if not address:
        raise RuntimeError("BENCH_TEMPORAL_ADDRESS is not set: run the bench with `pnpm bench`.")
    # The Agents SDK's default trace processor exports to OpenAI. Drop it, as an application with no exporter
    # would; the plugin's tracing still runs in full (as on the TypeScript side of Temporal's plugin).
    set_trace_processors([])
    plugin = OpenAIAgentsPlugin(
        model_params=ModelActivityParameters(
            start_to_close_timeout=workload.ACTIVITY_TIMEOUT, summary_override=workload.MODEL_SUMMARY
        ),
        model_provider=workload.ScriptedModelProvider(),
    )
    client = await Client.connect(address, plugins=[plugin])
    side = PythonSide(client, plugin)
    handlers: dict[str, Callable[..., Awaitable[dict[str, Any]]]] = {
        "bundle": side.bundle,
        "startWorker": side.start_worker,
        "execute": side.execute,
        "replay": side.replay,
        "stop": side.stop,
    }

    async def handle(request: dict[str, Any]) -> None:
        request_id = request.pop("id")
        handler = handlers[request.pop("op")]
        try:
            send({"id": request_id, "ok": await handler(**request)})
        except Exception as error:  # every failure goes back to the driver, which reports it
            send({"id": request_id, "error": describe(error)})

    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=1 << 24)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    send(
        {
            "ready": {
                "versions": {
                    name: version(name)
                    for name in ("temporalio-openai-agents", "openai-agents", "temporalio", "openai")
                }
                | {"python": ".".join(map(str, sys.version_info[:3]))}
            }
        }
    )
    in_flight: set[asyncio.Task[None]] = set()
    while line := await reader.readline():
        if not line.strip():
            continue
        request = json.loads(line)
        if request["op"] == "stop":
            await asyncio.gather(*in_flight)
            await handle(request)
            break
        task = asyncio.create_task(handle(request))
        in_flight.add(task)
        task.add_done_callback(in_flight.discard)


if __name__ == "__main__":
    asyncio.run(main())
