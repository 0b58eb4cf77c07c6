"""Keep a query worker off the network, whatever query it runs.

Oxigraph executes ``SERVICE`` clauses with its own HTTP client and has no option to turn that off. The text check
(:func:`crampkg.sparql.engine.refuse_service`) refuses such queries first; this module makes sure that a query the check
missed still cannot reach anything: the worker closes the sockets it inherited from the server and installs a
seccomp filter (libseccomp, through ``pyseccomp``) under which creating any socket but a local (``AF_UNIX``) one,
connecting, accepting and setting up io_uring fail with ``EACCES``. The filter cannot be lifted by the process or
its children.
"""
from __future__ import annotations

import errno
import os
import socket
import stat

from crampkg.errors import UserError

DENIED = ("connect", "accept", "accept4", "io_uring_setup")


def close_inherited_sockets(keep: tuple[int, ...] = ()) -> None:
    """Close every socket descriptor of this process (the server's listening socket and client connections that a
    forked worker inherited), except those in ``keep``."""
    for name in os.listdir("/proc/self/fd"):
        descriptor = int(name)
        if descriptor in keep:
            continue
        try:
            if stat.S_ISSOCK(os.fstat(descriptor).st_mode):
                os.close(descriptor)
        except OSError:
            pass


def forbid_network() -> None:
    """Install the seccomp filter in the calling process (irreversible); :class:`UserError` if it cannot be."""
    try:
        import pyseccomp as seccomp

        refusal = seccomp.ERRNO(errno.EACCES)
        rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
        rules.add_rule(refusal, "socket", seccomp.Arg(0, seccomp.NE, socket.AF_UNIX))
        for call in DENIED:
            rules.add_rule(refusal, call)
        rules.load()
    except (ImportError, OSError, RuntimeError, ValueError) as error:
        raise UserError(f"cannot keep the query workers off the network ({error}); crampkg serve needs libseccomp: "
                        "install it (Debian/Ubuntu: apt-get install libseccomp2; pip install pyseccomp)") from None
