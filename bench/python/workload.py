"""The bench's workload on the Python side: the same agent, tool, texts, timeouts and worker options as
bench/src/workload.ts, read from the JSON the driver writes (path in BENCH_WORKLOAD).

Workflow code imports this module through the sandbox's pass-through, so the file is read once per process.
"""

import json
import os
from datetime import timedelta
from typing import Any

from agents import (
    AgentOutputSchemaBase,
    Handoff,
    Model,
    ModelProvider,
    ModelResponse,
    ModelSettings,
    ModelTracing,
    Tool,
    TResponseInputItem,
    Usage,
)
from agents.items import TResponseOutputItem
from openai.types.responses import ResponseFunctionToolCall, ResponseOutputMessage, ResponseOutputText
from temporalio import activity

with open(os.environ["BENCH_WORKLOAD"], encoding="utf-8") as file:
    WORKLOAD: dict[str, Any] = json.load(file)

AGENT: dict[str, str] = WORKLOAD["agent"]
SCRIPT: dict[str, str] = WORKLOAD["script"]
LOOKUP_TOOL: dict[str, Any] = WORKLOAD["lookupTool"]
WORKER_OPTIONS: dict[str, int] = WORKLOAD["workerOptions"]
MODEL_SUMMARY: str = WORKLOAD["modelSummary"]
ACTIVITY_TIMEOUT = timedelta(seconds=WORKLOAD["activityTimeoutSeconds"])
_USAGE: dict[str, int] = WORKLOAD["usage"]


def fill(template: str, **values: object) -> str:
    """A template of bench/src/workload.ts's SCRIPT with its {name} placeholders filled in."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template


def user_message(turn: int, lookup: bool) -> TResponseInputItem:
    """The user's message of turn `turn`; a lookup turn makes the model call the tool first."""
    text = fill(SCRIPT["lookupMessage"] if lookup else SCRIPT["question"], turn=turn)
    return {"type": "message", "role": "user", "content": text}


def chat_message(turn: int) -> TResponseInputItem:
    """The user's message of turn `turn` of the long chat: about 2 KB."""
    return {"type": "message", "role": "user", "content": fill(SCRIPT["chatMessage"], turn=turn)}


@activity.defn(name="lookup")
async def lookup(query: str) -> str:
    """Looks up a fact."""
    return fill(SCRIPT["toolResult"], query=query)


# activity_as_tool takes the tool's name from the activity and its description from the docstring.
if lookup.__doc__ != LOOKUP_TOOL["description"] or LOOKUP_TOOL["name"] != "lookup":
    raise RuntimeError("bench/python/workload.py's lookup activity no longer matches LOOKUP_TOOL in workload.ts")


@activity.defn(name="noop")
async def noop() -> None:
    """The bare activity the model calls are compared with."""


def _field(item: object, name: str) -> object:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def scripted_output(input: str | list[TResponseInputItem]) -> list[TResponseOutputItem]:
    """bench/src/workload.ts's scriptedOutput: a tool call after a lookup request, else a text answer."""
    items: list[object] = [{"role": "user", "content": input}] if isinstance(input, str) else list(input)
    turn = sum(1 for item in items if _field(item, "role") == "user")
    last = items[-1] if items else None
    content = _field(last, "content")
    prefix = SCRIPT["lookupPrefix"]
    if _field(last, "role") == "user" and isinstance(content, str) and content.startswith(prefix):
        return [
            ResponseFunctionToolCall(
                type="function_call",
                id=fill(SCRIPT["toolItemId"], turn=turn),
                call_id=fill(SCRIPT["toolCallId"], turn=turn),
                name=LOOKUP_TOOL["name"],
                status="completed",
                # As JavaScript's JSON.stringify writes it.
                arguments=json.dumps({"query": content[len(prefix) :]}, separators=(",", ":")),
            )
        ]
    return [
        ResponseOutputMessage(
            type="message",
            id=fill(SCRIPT["messageId"], turn=turn),
            role="assistant",
            status="completed",
            content=[ResponseOutputText(type="output_text", text=fill(SCRIPT["answer"], turn=turn), annotations=[])],
        )
    ]


class ScriptedModel(Model):
    """Answers at once with scripted_output."""

    async def get_response(
        self,
        system_instructions: str | None,
        input: str | list[TResponseInputItem],
        model_settings: ModelSettings,
        tools: list[Tool],
        output_schema: AgentOutputSchemaBase | None,
        handoffs: list[Handoff],
        tracing: ModelTracing,
        **kwargs: Any,
    ) -> ModelResponse:
        return ModelResponse(
            output=scripted_output(input),
            usage=Usage(
                requests=_USAGE["requests"],
                input_tokens=_USAGE["inputTokens"],
                output_tokens=_USAGE["outputTokens"],
                total_tokens=_USAGE["totalTokens"],
            ),
            response_id=SCRIPT["responseId"],
        )

    def stream_response(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("The bench does not stream.")


class ScriptedModelProvider(ModelProvider):
    """Every model name gets the scripted model."""

    def get_model(self, model_name: str | None) -> Model:
        return ScriptedModel()
