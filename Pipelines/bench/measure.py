"""Run one command and measure it alone: wall seconds, CPU seconds and peak resident memory.

The command is started by a small launcher (a fresh `python3 -I -S -c LAUNCHER`) that forks it, reaps
it with os.wait4 on its pid and writes down its resource usage, so the figures are those of that one
process (and of any children it waited for), never of earlier commands. The launcher is there for the
memory figure: Linux carries into a process's ru_maxrss the peak memory of the process that forked it
(exec keeps the high-water mark), so a command forked by the benchmark itself, which may have held a
corpus in memory, would report at least that much. Through the launcher the floor is the launcher's
own few megabytes (/bin/true measures 5 MB). The command's standard output and error go to files.

Standard library only.
"""

import statistics
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

MB = 1_000_000  # every "MB" of the benchmark is 10^6 bytes


@dataclass
class Measurement:
    """One run of one command."""

    command: list
    exit_status: int  # the exit code, or minus the signal number that ended the process
    wall_seconds: float
    user_seconds: float
    system_seconds: float
    peak_rss_bytes: int
    stdout: str  # paths of the captured output
    stderr: str

    @property
    def cpu_seconds(self):
        return self.user_seconds + self.system_seconds

    @property
    def crashed(self):
        return self.exit_status < 0

    def as_json(self):
        return {**asdict(self), "cpu_seconds": self.cpu_seconds}


# Forks the command (argv[2:]), waits for it, and writes its exit status (minus the signal number when a
# signal ended it), wall seconds, user and system CPU seconds and ru_maxrss (kilobytes) to argv[1].
# Only modules that start with the interpreter, to keep the launcher small.
LAUNCHER = r"""
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    except OSError as error:
        os.write(2, f"cannot run {sys.argv[2]}: {error}\n".encode())
    os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    out.write(f"{os.waitstatus_to_exitcode(status)} {wall!r} {usage.ru_utime!r} {usage.ru_stime!r} {usage.ru_maxrss}\n")
"""


def run(command, log_stem, env=None):
    """Run `command` (a list of arguments) to completion and return its Measurement.

    Standard output and error are written to `log_stem`.stdout and `log_stem`.stderr, the launcher's
    record of the run to `log_stem`.usage.
    """
    log_stem = Path(log_stem)
    log_stem.parent.mkdir(parents=True, exist_ok=True)
    stdout_path, stderr_path, usage_path = (log_stem.with_name(log_stem.name + suffix)
                                            for suffix in (".stdout", ".stderr", ".usage"))
    usage_path.unlink(missing_ok=True)
    command = [str(part) for part in command]
    with open(stdout_path, "wb") as stdout, open(stderr_path, "wb") as stderr:
        subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCHER, str(usage_path), *command],
                       stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, env=env, check=True)
    exit_status, wall, user, system, max_rss = usage_path.read_text().split()
    return Measurement(
        command=command,
        exit_status=int(exit_status),
        wall_seconds=float(wall),
        user_seconds=float(user),
        system_seconds=float(system),
        peak_rss_bytes=int(max_rss) * 1024,  # Linux reports kilobytes
        stdout=str(stdout_path),
        stderr=str(stderr_path),
    )


def typical(measurements):
    """The figures to report for repeated runs of one command: median times, largest peak memory."""
    return {
        "wall_seconds": statistics.median(m.wall_seconds for m in measurements),
        "cpu_seconds": statistics.median(m.cpu_seconds for m in measurements),
        "peak_rss_bytes": max(m.peak_rss_bytes for m in measurements),
    }


def warm_up(paths):
    """Read every file under `paths` once, so that every contender finds the input in the page cache."""
    for path in paths:
        path = Path(path)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            with open(file, "rb") as handle:
                while handle.read(1 << 22):
                    pass
