"""The Jupyter kernels reports run in: started, given code to run, shut down, none outliving its parent.

This module imports only jupyter_client, not the libraries the reports use, so that the
command line can start a report's kernel first and load those libraries while the kernel
boots and loads its own (:data:`WARM_UP`).
"""

from __future__ import annotations

import math
import os
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from queue import Empty

import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

KERNEL_NAME = "python3"
#: Seconds a single cell may run before the report is failed (a hung cell must not hang cron or CI).
CELL_TIMEOUT = 600
#: Run by a kernel :func:`start` gives it as it boots: the libraries the report notebooks import
#: (pandas, geopandas, matplotlib and seaborn come with them), under no name the notebooks could
#: come to rely on, so that a notebook runs the same as in a new kernel, only sooner.
WARM_UP = ("import IPython.display, matplotlib.pyplot, analysis.annual_report, analysis.plots, analysis.text\n"
           "del IPython, matplotlib, analysis",)


class ReadyClient(AsyncKernelClient):
    """A kernel client that is ready as soon as the kernel has answered ``kernel_info`` and its
    output channel (IOPub) is seen to carry messages.

    jupyter_client's client then reads IOPub until it has been silent for 0.2 s, to drop what
    came before; papermill starts a client for every notebook, so every report waited that
    long with nothing to do. Nothing here needs the drop: nbclient, like :func:`run_in_kernel`,
    takes from IOPub only the messages that answer its own request.
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (math.inf if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                reply = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                try:  # the reply's status message shows that IOPub is connected; else ask again
                    await self.iopub_channel.get_msg(timeout=0.2)
                except Empty:
                    pass
                else:
                    self._handle_kernel_info_reply(reply)
                    return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")


def new_kernel_manager() -> AsyncKernelManager:
    """A kernel manager whose kernel talks over an encrypted channel (CurveZMQ) where pyzmq
    supports it, else over local IPC sockets on POSIX: never plain TCP, which the kernel warns of.
    Its clients are :class:`ReadyClient`."""
    channel = ({"transport_encryption": "auto"} if zmq.has("curve")
               else {"transport": "ipc" if os.name == "posix" else "tcp"})
    return AsyncKernelManager(kernel_name=KERNEL_NAME, client_class=f"{__name__}.{ReadyClient.__name__}", **channel)


def start(cwd: Path, warm_up: Sequence[str] = WARM_UP) -> AsyncKernelManager:
    """A kernel started in ``cwd``, which runs ``warm_up`` (cells, in order) before it answers.

    Returns once the kernel's process is launched, not when it is ready: papermill, given the
    manager, waits for that. The kernel keeps no history file, as under papermill. A warm-up
    cell that raises is reported on the kernel's output and does not stop it.
    """
    km = new_kernel_manager()
    arguments = ["--HistoryManager.hist_file=:memory:"]
    arguments += [f"--IPKernelApp.exec_lines={cell}" for cell in warm_up]
    run_sync(km.start_kernel)(cwd=str(cwd), extra_arguments=arguments)
    return km


def run_in_kernel(kernel_manager: AsyncKernelManager, code: str, timeout: float = 60) -> None:
    """Execute ``code`` in a running kernel, outside any notebook and its history.

    Raises:
        RuntimeError: the code raised in the kernel.
        TimeoutError: the kernel was not ready, or did not answer, within ``timeout`` seconds.
    """
    client = kernel_manager.client()
    client.start_channels()
    try:  # ready, and its output channel joined, before asking: else the reply's status may be missed
        run_sync(client.wait_for_ready)(timeout=timeout)
        reply = run_sync(client.execute_interactive)(code, silent=True, store_history=False,
                                                     timeout=timeout, output_hook=lambda msg: None)
    finally:
        client.stop_channels()
    content = reply["content"]
    if content["status"] != "ok":
        raise RuntimeError(f"{code!r} failed in the kernel: {content.get('ename')}: {content.get('evalue')}")


def shutdown(kernel_manager: AsyncKernelManager) -> None:
    """Shut the kernel down now, if it is running."""
    if kernel_manager.has_kernel:
        run_sync(kernel_manager.shutdown_kernel)(now=True)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    """SIGTERM as an orderly exit, so that cleanup (temporary folders, kernels) runs."""
    sys.exit(128 + signum)


def exit_cleanly_on_sigterm() -> None:
    """Make SIGTERM run the same cleanup as Ctrl-C in this process."""
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
