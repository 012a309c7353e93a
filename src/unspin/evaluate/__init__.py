"""Evaluation: the published PTC measures (``ptc``), calibration / agreement helpers (``calibration``) and
bootstrap intervals over articles (``bootstrap``)."""

from unspin.evaluate.calibration import (
    ReliabilityBin,
    average_ranks,
    expected_calibration_error,
    mean_absolute_error,
    reliability,
    spearman,
)
from unspin.evaluate.ptc import (
    PRF,
    ClassReport,
    PtcReport,
    TechniqueRow,
    evaluate,
    evaluate_folders,
    flc_score,
    format_report,
    propaganda_share,
    read_predictions,
    si_score,
    tc_score,
)

__all__ = [
    "PRF",
    "ClassReport",
    "PtcReport",
    "ReliabilityBin",
    "TechniqueRow",
    "average_ranks",
    "evaluate",
    "evaluate_folders",
    "expected_calibration_error",
    "flc_score",
    "format_report",
    "mean_absolute_error",
    "propaganda_share",
    "read_predictions",
    "reliability",
    "si_score",
    "spearman",
    "tc_score",
]
