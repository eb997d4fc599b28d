"""`storywatch serve`: storywatch's flows as Prefect deployments, on their schedules, in this process.

`monitor` runs on the configured schedule (cron in a time zone, or an interval), `deliver` (the alert
outbox) every minute and `digest` on its own schedule, each only when that flow exists. Parameters are
the deployment's defaults, so a person can edit them in the UI or start a custom run there.
Prefect's `serve()` pauses the schedules and returns on Ctrl-C (SIGINT) or SIGTERM.
"""

from __future__ import annotations

import importlib
import inspect
import os
from datetime import timedelta

from storywatch.config import Schedule, Settings
from storywatch.errors import ConfigError

from .environment import STORYWATCH_LOGGERS

TAGS = ["storywatch"]
DEPLOYMENT = "storywatch"  # shown as monitor/storywatch, deliver/storywatch, digest/storywatch
DELIVER_EVERY = Schedule(interval=60)


def prepare_serve_logging() -> None:
    """INFO lines (a pass's counts) reach the UI; storywatch's own loggers too. Before Prefect loads."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", STORYWATCH_LOGGERS)


def prefect_schedule(schedule: Schedule):
    from prefect.schedules import Cron, Interval

    if schedule.cron is not None:
        return Cron(schedule.cron, timezone=schedule.timezone)
    if schedule.interval is None:  # Schedule's validator requires one of them
        raise ConfigError("a schedule needs cron or interval")
    return Interval(timedelta(seconds=schedule.interval), timezone=schedule.timezone)


def describe(schedule: Schedule) -> str:
    if schedule.cron is not None:
        return f"cron {schedule.cron!r} in {schedule.timezone}"
    return f"every {schedule.interval:g} s"


def optional_flow(module: str, name: str):
    """The flow `name` in `module`, or None while another part of storywatch has not written it yet."""
    from prefect import Flow

    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise
    candidate = getattr(found, name, None)
    return candidate if isinstance(candidate, Flow) else None


def _parameters(flow, values: dict) -> dict:
    """The values the flow accepts and that were given: the defaults a person sees in the UI."""
    accepted = inspect.signature(flow.fn).parameters
    return {k: v for k, v in values.items() if k in accepted and v is not None}


def build_deployments(settings: Settings, config: str | None, seeds: list[str] | None,
                      db_url: str | None, interval: float | None = None) -> list:
    """`monitor` on its schedule (or every `interval` seconds), `deliver` and `digest` when they exist."""
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.deployments.runner import EntrypointType

    from .monitor import monitor

    given = {"config": config, "seeds": seeds, "db_url": db_url}
    plan = [(monitor, Schedule(interval=interval) if interval else settings.schedule,
             "One monitoring pass: sources, claims, stories, alerts.", ["monitor"])]
    deliver = optional_flow("storywatch.flows.outbox_flows", "deliver")
    if deliver is not None:
        plan.append((deliver, DELIVER_EVERY, "Deliver due alerts from the outbox.", ["alerts"]))
    digest = optional_flow("storywatch.flows.outbox_flows", "digest")
    if digest is not None:
        plan.append((digest, settings.digest_schedule, "Send the alert digests.", ["alerts"]))
    return [
        flow.to_deployment(
            name=DEPLOYMENT, schedules=[prefect_schedule(schedule)],
            parameters=_parameters(flow, given), tags=TAGS + extra_tags,
            description=f"{what} Schedule: {describe(schedule)}.",
            # one run of a flow at a time: a pass still running when the next is due makes the
            # next one cancelled, not queued, so slow passes never pile up (the next one catches up)
            concurrency_limit=ConcurrencyLimitConfig(
                limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW),
            # by module, not file: the flows are found wherever storywatch is installed
            entrypoint_type=EntrypointType.MODULE_PATH,
        )
        for flow, schedule, what, extra_tags in plan
    ]


def serve_deployments(deployments: list, limit: int | None = None) -> None:
    """Serve until Ctrl-C; Prefect pauses the schedules on the way out, so nothing runs unserved."""
    from prefect import serve

    serve(*deployments, limit=limit, pause_on_shutdown=True, print_starting_message=True)


def deploy_to_pool(deployments: list, pool: str, working_dir: str) -> list[str]:
    """Register the deployments on a process work pool (created when missing) for workers to run.

    Workers import the flows by module, so each worker machine needs storywatch installed; they run
    in `working_dir`, where relative paths in the parameters (config, seeds) are read."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists

    with get_client(sync_client=True) as client:
        try:
            client.create_work_pool(WorkPoolCreate(name=pool, type="process"))
        except ObjectAlreadyExists:
            pass
    names = []
    for deployment in deployments:
        deployment.job_variables = {**(deployment.job_variables or {}), "working_dir": working_dir}
        deployment.apply(work_pool_name=pool)
        names.append(f"{deployment.flow_name}/{deployment.name}")
    return names
