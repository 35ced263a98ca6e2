"""The same workflows as bench/ours/workflows.ts and bench/temporal-plugin/src/workflows.ts, with
Temporal's Python plugin: agents' Runner (the plugin runs its model calls as activities) and
activity_as_tool."""

from collections.abc import Callable

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from agents import Agent, Runner, TResponseInputItem
    from temporalio.openai_agents.workflow import activity_as_tool

    import workload


async def _converse(turns: int, message: Callable[[int], TResponseInputItem]) -> str:
    """`turns` user turns with one agent, each turn one run over the whole conversation so far."""
    agent = Agent(
        name=workload.AGENT["name"],
        instructions=workload.AGENT["instructions"],
        model=workload.AGENT["model"],
        tools=[activity_as_tool(workload.lookup, start_to_close_timeout=workload.ACTIVITY_TIMEOUT)],
    )
    history: list[TResponseInputItem] = []
    answer = ""
    for turn in range(1, turns + 1):
        result = await Runner.run(agent, [*history, message(turn)])
        history = result.to_input_list()
        answer = str(result.final_output or "")
    return answer


@workflow.defn(name="conversation")
class Conversation:
    """A conversation of short turns; with lookup_first, the first turn calls the lookup tool activity."""

    @workflow.run
    async def run(self, turns: int, lookup_first: bool) -> str:
        return await _converse(turns, lambda turn: workload.user_message(turn, lookup_first and turn == 1))


@workflow.defn(name="chat")
class Chat:
    """A long chat: every user turn is about 2 KB."""

    @workflow.run
    async def run(self, turns: int) -> str:
        return await _converse(turns, workload.chat_message)


@workflow.defn(name="plain")
class Plain:
    """A plain workflow: `calls` bare activities in a row."""

    @workflow.run
    async def run(self, calls: int) -> None:
        for _ in range(calls):
            await workflow.execute_activity(workload.noop, start_to_close_timeout=workload.ACTIVITY_TIMEOUT)


WORKFLOWS = [Conversation, Chat, Plain]
