"""Check the ENISA formula and bands against the method's published cases.

    python tools/enisa_cases.py [../shared/eval/enisa_cases.json]

Every "full" case (DPC, EI and the CB parts given, with an expected score and level) is recomputed with
``breachlens.assess.severity.enisa_score``; the script prints each disagreement and the agreement rate, and
exits 1 when a case disagrees. The single-component cases (a DPC or CB example alone) say which level the
method gives an example; they are listed with the level our knowledge file assigns to the same component.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from breachlens.assess.severity import enisa_score

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "enisa_cases.json"


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    if not path.is_file():
        print(f"error: {path}: no such file (give the path of enisa_cases.json)", file=sys.stderr)
        return 2
    cases = json.loads(path.read_text(encoding="utf-8"))
    full = [c for c in cases if c.get("kind") == "full" and c.get("expected_se") is not None]
    wrong = 0
    for case in full:
        score, band = enisa_score(case["dpc"], case["ei"], case["cb_confidentiality"] or 0,
                                  case["cb_integrity"] or 0, case["cb_availability"] or 0,
                                  case["cb_malicious"] or 0)
        expected_band = str(case["expected_level"]).replace("_", " ")
        if abs(score - case["expected_se"]) > 1e-9 or band.value != expected_band:
            wrong += 1
            print(f"{case['id']}: expected {case['expected_se']} {expected_band}, got {score} {band.value}")
    print(f"full cases: {len(full) - wrong}/{len(full)} agree "
          f"(single-component examples not scored: {len(cases) - len(full)})")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
