"""Where extraction runs during ingest: in the driver, in N local processes, or on a Dask cluster.

Extraction (``extract_claims``) is the CPU cost of ingest and each document's claims depend on
that document alone, so it can run anywhere. Storing and linking stay in the driver, in input
order: that keeps the events exactly those of a single-process run.

Every backend is an :data:`ExtractMap`: it takes an iterable of batches (lists of documents)
and yields, in the SAME order, one result list per batch (per document: its claims, or a one-line
error message when extraction raised). At most ``window`` batches are in flight, so memory stays
bounded however long the input. A whole batch that fails on a worker (a worker died, a pickling
error) is extracted again in the driver, so nothing is lost.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from rashomon.errors import ConfigError
from rashomon.extract.pipeline import extract_claims
from rashomon.extract.resources import warm as warm_resources
from rashomon.models import Claim, Document
from rashomon.packs import KnowledgePack, load_pack

Extract = Callable[[Document, KnowledgePack], list[Claim]]
Outcome = list[Claim] | str  # claims, or why extraction failed
B = TypeVar("B")
ExtractMap = Callable[[Iterable[B], Callable[[B], list[Document]]], Iterator[tuple[B, list[Outcome]]]]


@dataclass(frozen=True)
class PackRef:
    """A picklable pointer to a knowledge pack: workers load it once, by folder or by name."""

    name: str
    root: str

    @classmethod
    def of(cls, pack: KnowledgePack) -> "PackRef":
        return cls(name=pack.name, root=str(pack.root))

    def load(self) -> KnowledgePack:
        # A remote Dask worker has its own install path: fall back to the bundled pack by name.
        if Path(self.root, "pack.toml").is_file():
            return load_pack(self.name, directory=self.root)
        return load_pack(self.name)


_PACKS: dict[PackRef, KnowledgePack] = {}


def register(pack: KnowledgePack) -> PackRef:
    """Make an already loaded pack the one workers use for its ref (no second load)."""
    ref = PackRef.of(pack)
    _PACKS.setdefault(ref, pack)
    return ref


def _pack(ref: PackRef) -> KnowledgePack:
    if ref not in _PACKS:
        _PACKS[ref] = ref.load()
    return _PACKS[ref]


def extract_batch(ref: PackRef, docs: list[Document], extract: Extract | None = None) -> list[Outcome]:
    """Extract claims for each document (runs on a worker).

    Input: the pack, documents, the extraction function (default ``extract_claims``). Output:
    per document, its claims or ``"ExcType: message"``; one bad document never fails the batch.
    """
    pack, fn = _pack(ref), extract or extract_claims
    out: list[Outcome] = []
    for doc in docs:
        try:
            out.append(fn(doc, pack))
        except Exception as exc:  # reported for this document; the others go on
            out.append(f"{exc.__class__.__name__}: {exc}")
    return out


def warm(ref: PackRef) -> None:
    """Load the pack and the extraction resources once per worker, before the first batch."""
    warm_resources(_pack(ref))


def start_worker(ref: PackRef) -> None:
    """Initializer of a ``--workers`` process: die with the fork server, then warm up."""
    die_with_parent()
    warm(ref)


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (``PR_SET_PDEATHSIG``).

    A driver killed with ``kill -9`` runs no clean-up: without this its fork server and the
    workers forked from it live on, holding the loaded models. The fork server gets the
    signal when the driver dies, each worker when the fork server dies; the resource tracker
    then reads end-of-file on its pipe and exits. Elsewhere (no prctl) this does nothing.
    """
    import ctypes
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no libc prctl: nothing to ask for
        return
    if os.getppid() != parent or parent == 1:  # the parent died before the request
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


@dataclass
class _Failed:
    """Stands in for a future that could not even be submitted."""

    error: Exception

    def result(self):
        raise self.error


def _ordered(batches: Iterable[B], docs_of: Callable[[B], list[Document]], submit, window: int,
             fallback: Callable[[list[Document]], list[Outcome]]) -> Iterator[tuple[B, list[Outcome]]]:
    """Submit up to ``window`` batches ahead and yield their results in submission order."""
    queue: deque = deque()

    def take():
        batch, future = queue.popleft()
        try:
            return batch, future.result()
        except Exception:  # the whole batch was lost (worker died, pool broken): redo it here
            return batch, fallback(docs_of(batch))

    def send(batch):
        try:
            return submit(docs_of(batch))
        except Exception as exc:  # a broken pool refuses work: take() falls back to the driver
            return _Failed(exc)

    for batch in batches:
        queue.append((batch, send(batch)))
        if len(queue) >= window:
            yield take()
    while queue:
        yield take()


@contextmanager
def serial_map(pack: KnowledgePack, extract: Extract | None = None) -> Iterator[ExtractMap]:
    """Extraction in the driver process (the default, ``--workers 1``)."""
    ref = register(pack)

    def run(batches, docs_of):
        for batch in batches:
            yield batch, extract_batch(ref, docs_of(batch), extract)

    yield run


@contextmanager
def process_map(pack: KnowledgePack, workers: int, extract: Extract | None = None,
                ahead: int = 0) -> Iterator[ExtractMap]:
    """Extraction in ``workers`` local processes (``--workers N``); ``ahead``: batches the
    caller holds before using any (they must not leave the workers idle)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ref = PackRef.of(pack)
    # A fork server, not fork: the driver may hold threads (progress bar) and database
    # connections. The server imports ``preload`` (the default pack, warmed) once and forks
    # the workers from it, so they start in milliseconds with the resources already loaded.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["rashomon.ingest.preload"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=start_worker, initargs=(ref,)) as pool:
        def run(batches, docs_of):
            submit = lambda docs: pool.submit(extract_batch, ref, docs, extract)  # noqa: E731
            fallback = lambda docs: extract_batch(ref, docs, extract)  # noqa: E731
            yield from _ordered(batches, docs_of, submit, 2 * workers + ahead, fallback)

        yield run


@contextmanager
def dask_map(pack: KnowledgePack, address: str, workers: int,
             extract: Extract | None = None, ahead: int = 0) -> Iterator[ExtractMap]:
    """Extraction on a Dask cluster: ``address`` is ``tcp://host:8786`` or ``local`` (a
    ``LocalCluster`` of ``workers`` processes on this machine)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError("--dask needs the 'distributed' package.", code="E123",
                          hint="pip install 'dask[distributed]'") from exc
    cluster = None
    if address == "local":
        # dashboard on a free port and quiet logs: the ingest report is the user's output
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.ERROR)
    try:
        client = Client(cluster or address, timeout="30s")
    except OSError as exc:
        if cluster:
            cluster.close()
        raise ConfigError(f"Cannot reach the Dask scheduler at {address}.", code="E124",
                          hint="Start one with 'dask scheduler' or use --dask local.") from exc
    try:
        ref = PackRef.of(pack)
        client.run(warm, ref)
        window = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers) + ahead

        def run(batches, docs_of):
            submit = lambda docs: client.submit(extract_batch, ref, docs, extract, pure=False)  # noqa: E731
            fallback = lambda docs: extract_batch(ref, docs, extract)  # noqa: E731
            yield from _ordered(batches, docs_of, submit, window, fallback)

        yield run
    finally:
        client.close()
        if cluster:
            cluster.close()


def open_map(pack: KnowledgePack, workers: int = 1, dask: str | None = None,
             extract: Extract | None = None, ahead: int = 0):
    """The extraction backend for ``--workers``/``--dask`` (a context manager). ``ahead``:
    how many batches the caller gathers before it stores them; that many more are kept in
    flight, so the workers go on extracting while the driver stores."""
    if dask:
        return dask_map(pack, dask, max(1, workers), extract, ahead)
    if workers > 1:
        return process_map(pack, workers, extract, ahead)
    return serial_map(pack, extract)


def default_workers() -> int:
    return max(1, (os.cpu_count() or 1))
