"""Ctrl-C as Brian2 handles it: with ``prefs.core.stop_on_keyboard_interrupt`` (the default) a SIGINT
during a run ends the run at the current step and ``run()`` returns; a second one, or any SIGINT when
the preference is False or no run is under way, goes to the handler that was there before.

Like Brian2, importing Ranvier installs the handler, so a run stops on SIGINT even in a process that
inherited SIGINT ignored (a background job of a shell script); outside runs such a process keeps
ignoring it. A handler (or ``SIG_IGN``) set after the import replaces this one, as in Brian2.
During a run on the main thread the extension notes SIGINT in a C-level flag (chained before Python's
own handler) and runs this handler at the end of the step in which it came; during a ``connect()``
pending handlers run every millisecond or so (there SIGINT raises KeyboardInterrupt: the preference
concerns runs only, as in Brian2).
"""

import logging
import signal
import threading

from . import engine
from .preferences import prefs

_logger = logging.getLogger("ranvier")


class _StopRunOnInterrupt:
    """The SIGINT handler: a stop of the run under way, else the previous handler's behaviour."""

    def __init__(self, previous):
        self.previous = previous

    def __call__(self, signum, frame):
        if prefs.core.stop_on_keyboard_interrupt and engine.api.stop_run_on_interrupt():
            _logger.warning("Simulation stop requested. Press Ctrl+C again to interrupt.")
            return
        if callable(self.previous):
            self.previous(signum, frame)
        elif self.previous != signal.SIG_IGN:
            # SIG_DFL, or a handler not set from Python (None): the usual interruption.
            raise KeyboardInterrupt


def install():
    """Installs the handler (signals reach only the main thread: nothing to do from another one)."""
    if threading.current_thread() is not threading.main_thread():
        return
    previous = signal.getsignal(signal.SIGINT)
    if not isinstance(previous, _StopRunOnInterrupt):
        signal.signal(signal.SIGINT, _StopRunOnInterrupt(previous))
