"""Summary statistics in plain Python (no Django): medians and quartiles."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Spread:
    """Five numbers and the sample size. Quartiles interpolate linearly between
    ranked values (the "inclusive" method: Q1 of 1, 2, 3, 4 is 1.75)."""

    n: int
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float

    @property
    def iqr(self) -> float:
        return self.q3 - self.q1


def quantile(ordered: list[float], fraction: float) -> float:
    """The value at `fraction` (0..1) of sorted, non-empty `ordered`."""
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def spread(values: list[float]) -> Spread | None:
    """None for no values: a median of nothing is not zero."""
    if not values:
        return None
    ordered = sorted(values)
    return Spread(
        n=len(ordered),
        minimum=ordered[0],
        q1=quantile(ordered, 0.25),
        median=quantile(ordered, 0.5),
        q3=quantile(ordered, 0.75),
        maximum=ordered[-1],
    )


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None
