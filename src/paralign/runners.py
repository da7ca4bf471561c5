"""Where the per-document (or per-piece) work runs: in this process, in worker processes on
this machine, or on a Dask distributed cluster. All three give results in input order, so
what a command writes does not depend on which one ran it.

    with open_runner(workers=2, scheduler=None) as runner:
        for result in runner.map(function, items, shared):
            ...

`function(shared, item)` must be a module-level function (it is pickled by name); `shared` is
what every call needs and is sent to each worker once (the glossary, the options), not with
every item. At most `window` items are in flight, so memory stays bounded by what is in
flight, not by the corpus.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from paralign.model import ParalignError

Item = TypeVar("Item")
Result = TypeVar("Result")
Shared = TypeVar("Shared")

CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a Dask scheduler before saying it does not answer."""

RETRIES = 3
"""A Dask task whose worker died is run again up to this many times (the nanny restarts the
worker; the scheduler reassigns the task), so one lost worker loses no document."""


class Runner(Protocol):
    workers: int

    def map(
        self, function: Callable[[Any, Item], Result], items: Iterable[Item], shared: Any = None
    ) -> Iterator[Result]: ...


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Serial:
    """Everything in this process, one item after the other."""

    workers = 1

    def map(
        self, function: Callable[[Any, Item], Result], items: Iterable[Item], shared: Any = None
    ) -> Iterator[Result]:
        for item in items:
            yield function(shared, item)


_SHARED: Any = None


def _install(shared: Any) -> None:
    global _SHARED
    _SHARED = shared


def _call(function: Callable[[Any, Item], Result], item: Item) -> Result:
    return function(_SHARED, item)


class Processes:
    """Worker processes on this machine; `shared` goes to each once, when it starts."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def map(
        self, function: Callable[[Any, Item], Result], items: Iterable[Item], shared: Any = None
    ) -> Iterator[Result]:
        import multiprocessing
        from concurrent.futures import Future, ProcessPoolExecutor

        # fork where there is one: workers start at once, with the modules already imported.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        pending: deque[Future[Result]] = deque()
        with ProcessPoolExecutor(self.workers, context, _install, (shared,)) as pool:
            for item in items:
                pending.append(pool.submit(_call, function, item))
                if len(pending) >= 2 * self.workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()


class Cluster:
    """A Dask distributed cluster: an existing scheduler's address, or a LocalCluster of
    worker processes that this object starts and stops."""

    def __init__(self, client: Any, cluster: Any = None) -> None:
        self.client = client
        self.cluster = cluster
        self.workers = max(1, len(client.scheduler_info().get("workers", {})))

    def map(
        self, function: Callable[[Any, Item], Result], items: Iterable[Item], shared: Any = None
    ) -> Iterator[Result]:
        shared_future = self.client.scatter(shared, broadcast=True) if shared is not None else None
        pending: deque[Any] = deque()
        window = 2 * self.workers
        for item in items:
            pending.append(
                self.client.submit(function, shared_future, item, pure=False, retries=RETRIES)
            )
            if len(pending) >= window:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _result(future: Any) -> Any:
    try:
        return future.result()
    finally:
        future.release()


def _dask() -> Any:
    try:
        import distributed
    except ImportError:
        raise ParalignError(
            "--scheduler needs Dask distributed: pip install 'paralign[dask]'"
        ) from None
    return distributed


def connect(scheduler: str, workers: int) -> Cluster:
    """`local`: a LocalCluster of `workers` processes here; otherwise a scheduler address
    (`tcp://host:8786`), which must answer within CONNECT_TIMEOUT seconds."""
    distributed = _dask()
    if scheduler == "local":
        cluster = distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,  # logging.ERROR: a worker's restart is not the user's business
        )
        return Cluster(distributed.Client(cluster), cluster)
    try:
        client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ParalignError(
            f"Dask scheduler {scheduler}: no answer within {CONNECT_TIMEOUT:g} s ({reason})"
        ) from None
    return Cluster(client)


@contextmanager
def open_runner(workers: int = 0, scheduler: str | None = None) -> Iterator[Runner]:
    """The runner for `--workers N` (0: one per core) and `--scheduler ADDRESS|local`."""
    if workers < 0:
        raise ParalignError(f"--workers {workers}: give 0 (one per core) or more")
    count = workers or default_workers()
    if scheduler:
        cluster = connect(scheduler, count)
        try:
            yield cluster
        finally:
            cluster.close()
        return
    yield Processes(count) if count > 1 else Serial()
