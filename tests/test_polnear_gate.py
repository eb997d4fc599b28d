"""PolNeAR source attribution as a gate (issue 18): dev, held out from everything the extractor
learns, must not fall back. Floors sit just under what the twelfth session measured (dev 0.8005,
P 0.8156, R 0.7861); README, Attribution on PolNeAR."""

import sys
from pathlib import Path

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear"
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from polnear_attribution import load_split, score  # noqa: E402


def test_dev_attribution_holds_its_floor():
    result = score("dev", load_split(POLNEAR, "dev", "first", None)).as_dict()
    assert result["documents"] == 84 and result["misaligned_entities"] == 0
    assert result["f1"] >= 0.800
    assert result["precision"] >= 0.81 and result["recall"] >= 0.78
