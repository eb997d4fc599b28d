"""The composition root: the pass (pipeline.py), the Prefect flows over it (monitor.py,
outbox_flows.py), their deployments and the CLI. No other package imports this one, and this
module imports nothing: Prefect reads its settings when it is imported, so the CLI prepares the
environment first. Entry points are modules: storywatch.flows.cli:main, storywatch.flows.monitor:monitor,
storywatch.flows.outbox_flows:deliver and :digest."""

__all__: list[str] = []
