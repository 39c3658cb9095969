"""Running the cases: warm-ups first, then repetitions interleaved so slow drifts in machine load
spread over every case instead of favouring whichever ran first."""

import dataclasses
import statistics
import sys
import time

from .processes import ProcessResult, run_process


@dataclasses.dataclass
class CaseResults:
    """All timed runs of one case, plus the failure of its warm-up if it had one."""

    case: object
    runs: list = dataclasses.field(default_factory=list)
    warmup_error: str = ""

    @property
    def successful(self) -> list:
        return [run for run in self.runs if run.ok]

    @property
    def failure(self) -> str:
        """Why the case has no usable measurement ('' when it has one)."""
        if self.successful:
            return ""
        failed = [run for run in self.runs if not run.ok]
        if failed:
            return f"exit status {failed[0].returncode}: {failed[0].error_tail}"
        return self.warmup_error or "not run"

    def median(self, field: str):
        """Median over successful runs of `wall_seconds`/`cpu_seconds` or of a printed value."""
        values = [_field(run, field) for run in self.successful]
        values = [value for value in values if isinstance(value, (int, float))]
        return statistics.median(values) if values else None

    def printed(self, name: str):
        """A printed value of the first successful run (values that must not vary, such as spike counts)."""
        runs = self.successful
        return runs[0].values.get(name) if runs else None


def _field(run: ProcessResult, field: str):
    if field in ("wall_seconds", "cpu_seconds"):
        return getattr(run, field)
    return run.values.get(field)


def run_all(cases: list, env: dict, log=sys.stderr) -> dict:
    """Runs every case's warm-ups, then its repetitions in alternating order; returns key -> CaseResults."""
    results = {case.key: CaseResults(case) for case in cases}
    for case in cases:
        for command in case.warmups:
            warmup = run_process(command, env=env, timeout=case.timeout)
            _log(log, "warm-up", case, warmup)
            if not warmup.ok and not results[case.key].warmup_error:
                results[case.key].warmup_error = f"warm-up failed, exit status {warmup.returncode}: {warmup.error_tail}"
    rounds = max((case.reps for case in cases), default=0)
    for round_index in range(rounds):
        order = cases if round_index % 2 == 0 else list(reversed(cases))
        for case in order:
            if round_index < case.reps and not results[case.key].warmup_error:
                run = run_process(case.command, env=env, timeout=case.timeout)
                results[case.key].runs.append(run)
                _log(log, f"run {round_index + 1}/{case.reps}", case, run)
    return results


def _log(log, stage, case, run):
    status = "ok" if run.ok else f"FAILED ({run.returncode})"
    stamp = time.strftime("%H:%M:%S")
    print(f"[{stamp}] {stage:10} {' / '.join(map(str, case.key)):60} {run.wall_seconds:8.2f} s  {status}",
          file=log, flush=True)
    if not run.ok:
        print("    " + run.error_tail.replace("\n", "\n    "), file=log, flush=True)
