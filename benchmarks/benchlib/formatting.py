"""Numbers as the report prints them, and times per simulated second."""


def format_seconds(value) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def format_ratio(numerator, denominator) -> str:
    if numerator is None or not denominator:
        return "–"
    return f"{numerator / denominator:.2f}x"


def _duration_of(case) -> str:
    return case.command[case.command.index("--duration") + 1] if "--duration" in case.command else "–"


def simulated_seconds(result) -> float:
    return float(result.printed("duration") or _duration_of(result.case))


def per_simulated_second(result, field):
    """A median time divided by the simulated time of the case (for comparing different durations)."""
    value = result.median(field)
    return None if value is None else value / simulated_seconds(result)
