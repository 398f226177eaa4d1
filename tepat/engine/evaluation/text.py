"""Plain-Indonesian sentences for a round, a group and a mover (decimal comma, signed points)."""

from __future__ import annotations

from tepat.engine.evaluation.panel import predikat_label


def points(value: float, *, signed: bool = False) -> str:
    """4.06 → "4,1"; signed: "+4,1" / "−2,0" / "0,0"."""
    rounded = round(value, 1) + 0.0  # + 0.0 turns -0.0 into 0.0
    text = f"{abs(rounded):.1f}".replace(".", ",")
    if not signed:
        return f"-{text}" if rounded < 0 else text
    if rounded > 0:
        return f"+{text}"
    return f"−{text}" if rounded < 0 else text


def round_sentence(
    effect: float | None,
    low: float | None,
    high: float | None,
    *,
    movers: int,
    comparisons: int,
    confidence: float,
    subject: str = "Pegawai yang dimutasi",
) -> str:
    if effect is None:
        return f"{subject}: belum ada yang dapat dibandingkan dengan pegawai sebanding yang tidak pindah."
    rounded = round(effect, 1)
    if rounded > 0:
        verb = f"naik rata-rata {points(effect, signed=True)} poin SKP"
    elif rounded < 0:
        verb = f"turun rata-rata {points(-effect)} poin SKP"
    else:
        verb = "berubah rata-rata 0,0 poin SKP"
    groups = f"{movers} dimutasi, {comparisons} pembanding"
    level = f"{round(confidence * 100):d} %"
    if low is None or high is None:
        interval = f"interval belum dapat dihitung; {groups}"
    else:
        interval = f"IK {level}: {points(low, signed=True)} s.d. {points(high, signed=True)}; {groups}"
    sentence = f"{subject} {verb} dibanding pegawai sebanding yang tidak pindah ({interval})."
    if low is not None and high is not None and low <= 0 <= high:
        sentence += " Interval mencakup 0, jadi belum dapat disimpulkan ada perbedaan."
    return sentence


def mover_sentence(
    *,
    pre: float | None,
    post: float | None,
    comparison_change: float | None,
    effect: float | None,
    reason: str,
) -> str:
    if pre is None or post is None:
        return f"Belum bisa dinilai: {reason}."
    own = post - pre
    if round(own, 1) > 0:
        change = f"SKP naik dari {points(pre)} ({predikat_label(pre)}) menjadi {points(post)} ({predikat_label(post)})"
    elif round(own, 1) < 0:
        change = f"SKP turun dari {points(pre)} ({predikat_label(pre)}) menjadi {points(post)} ({predikat_label(post)})"
    else:
        change = f"SKP tetap {points(post)} ({predikat_label(post)})"
    if effect is None or comparison_change is None:
        return f"{change} setelah pindah; belum bisa dibandingkan: {reason}."
    return (
        f"{change} setelah pindah; pegawai sebanding yang tidak pindah berubah "
        f"{points(comparison_change, signed=True)} poin, jadi selisihnya {points(effect, signed=True)} poin."
    )
