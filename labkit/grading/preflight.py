"""``labkit grade --check``: does the sandbox really work on this machine? (沙箱自检)

Each check is one line, with how to fix it where it fails, before a batch discovers it halfway.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from labkit.grading import cgroup
from labkit.grading.sandbox import isolation_options, probe
from labkit.i18n import _

__all__ = ["Check", "run_checks"]


@dataclass(frozen=True)
class Check:
    """One line of the preflight: what was checked, whether it holds, and how to fix it."""

    ok: bool
    text: str
    fix: str = ""

    def line(self) -> str:
        mark = "OK  " if self.ok else "FAIL"
        return f"{mark} {self.text}" + (f" - {_('fix')}: {self.fix}" if self.fix else "")


def _read(path: str) -> str:
    try:
        return Path(path).read_text().strip()
    except OSError:
        return ""


def _in_container() -> bool:
    return Path("/.dockerenv").exists() or any(word in _read("/proc/1/cgroup") for word in ("docker", "containerd"))


def _namespace_fix() -> str:
    """The likeliest reason user namespaces are refused here, as something to do."""
    if _read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") == "1":
        return _("Ubuntu 24.04 AppArmor restricts user namespaces: sudo sysctl "
                 "kernel.apparmor_restrict_unprivileged_userns=0 (or an AppArmor profile allowing userns for bwrap)")
    if _read("/proc/sys/user/max_user_namespaces") == "0":
        return _("user namespaces are switched off: sudo sysctl user.max_user_namespaces=15000")
    if _read("/proc/sys/kernel/unprivileged_userns_clone") == "0":
        return _("sudo sysctl kernel.unprivileged_userns_clone=1")
    if _in_container():
        return _("Docker's default seccomp profile blocks user namespaces: run the container with "
                 "--security-opt seccomp=unconfined (or a profile that allows unshare/clone of user namespaces)")
    return _("allow unprivileged user namespaces on this machine, or grade in a VM")


def run_checks() -> list[Check]:
    """Every preflight check in order; the sandbox works when all are ok."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return [Check(False, _("bubblewrap (bwrap) is not installed"),
                      _("apt-get install bubblewrap (Debian/Ubuntu) or dnf install bubblewrap"))]
    checks = [Check(True, _("bubblewrap found: {path}").format(path=bwrap))]
    trial = probe(bwrap)
    if not trial.started:
        checks.append(Check(False, _("the sandbox cannot start (user namespaces refused?): {error}")
                            .format(error=trial.error), _namespace_fix()))
        return checks
    checks.append(Check(True, _("user namespaces allowed: a trial sandbox started")))
    if trial.safe:
        checks.append(Check(True, _("no capabilities inside the sandbox (CapEff {caps})").format(caps=trial.capabilities)))
    else:
        checks.append(Check(False, _("the sandbox holds capabilities (CapEff {caps})").format(
            caps=trial.capabilities or "?"), _("install bubblewrap 0.4 or newer (--cap-drop, --uid)")))
    if "--disable-userns" in isolation_options(bwrap):
        checks.append(Check(True, _("nested user namespaces disabled inside (--disable-userns)")))
    else:
        checks.append(Check(True, _("this bubblewrap cannot disable nested user namespaces (0.8 or newer can); "
                                    "capabilities are still dropped")))
    memory, pids = cgroup.available()
    if memory:
        checks.append(Check(True, _("memory of the whole sandbox: capped by a cgroup v1 memory group, the grader's "
                                    "watcher on top; processes: {how}").format(
            how=_("a cgroup v1 pids group and the watcher") if pids else _("the watcher"))))
    else:
        checks.append(Check(True, _("memory and processes of the whole sandbox: limited by the grader's watcher alone "
                                    "(it may overshoot by what grows between two looks); for a hard cap grade as a "
                                    "user who may create cgroup v1 memory groups (root in most containers)")))
    return checks
