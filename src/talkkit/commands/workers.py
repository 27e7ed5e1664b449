"""Worker processes forked from a run, after it has read what they need.

A worker starts as a copy of the run's process: the workspace as read, the
talks as resolved, the libraries as imported, none of it read or sent again. A
task names what to make (an outline's path, an output's kind); the worker finds
the rest in `current()`, the run it was forked from.

Forking is safe only before Typst has run in the process (its threads do not
survive a fork) and only where the system forks at all; elsewhere the callers
build in the run's own process, or with `spawn` as `talkkit.commands.build` does.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable
from multiprocessing.pool import Pool

_RUN: object | None = None
"""In a worker process, what it serves: the run it was forked from (set once, by `_serve`)."""


def _serve(run: object) -> None:
    global _RUN
    _RUN = run


def current():
    """In a worker process, the run it was forked from (see `pool`)."""
    assert _RUN is not None, "not in a worker forked by talkkit.commands.workers.pool"
    return _RUN


def can_fork() -> bool:
    """Whether worker processes can be forked from this process now (see the module's text)."""
    from talkkit.render.typst import fork_is_safe

    return "fork" in multiprocessing.get_all_start_methods() and fork_is_safe()


class Started:
    """A function running in a process forked for it (see `start`)."""

    def __init__(self, process, pipe) -> None:
        self.process, self.pipe = process, pipe

    def result(self):
        """What the function returned, once it has (None if its process ended without it)."""
        try:
            value = self.pipe.recv()
        except EOFError:
            value = None
        self.pipe.close()
        self.process.join()
        return value

    def stop(self) -> None:
        """End the process, if it still runs, and throw its result away."""
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.pipe.close()


def start(function: Callable[..., object], *args: object) -> Started:
    """`function(*args)` run in a process forked from this one now, seeing this process as it is;
    nothing is sent to it, and only its result comes back (see `Started.result`)."""
    _flush()
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_send, args=(send, function, args), daemon=True)
    process.start()
    send.close()
    return Started(process, receive)


def _send(pipe, function: Callable[..., object], args: tuple) -> None:
    pipe.send(function(*args))
    pipe.close()


def _flush() -> None:
    # A forked process flushes the streams it was forked with when it ends: empty them first.
    sys.stdout.flush()
    sys.stderr.flush()


def pool(run: object, workers: int) -> Pool:
    """`workers` processes forked from this one, each serving `run` (see `current`)."""
    _flush()
    return multiprocessing.get_context("fork").Pool(workers, initializer=_serve, initargs=(run,))
