"""Train the CV entity tagger (engine/cv/tagger.py) on the dotin resume set (issue 12).

    .venv/bin/python tools/train_cv_tagger.py [--data ../shared/data/bench/cv_ner_dotin]
    .venv/bin/python tools/train_cv_tagger.py --grid   # how PARAMS were chosen (slow)

Reads the zip of XML CVs (``<label type="...">span</label>`` inline; ``__MACOSX/`` entries
skipped), trains a linear-chain CRF with CRFsuite (L-BFGS, fixed parameters: the result
does not depend on a random seed, and the CV order is fixed by sorting the file names), and
writes ``engine/data/cv_tagger.crfsuite`` and ``engine/data/cv_tagger.json`` (the data
file's sha256 and name, the CV count, the parameters, the feature version, the licence).

``--grid`` shows how ``PARAMS`` were chosen, on training CVs only: the CVs outside the first
fold of ``bench/cv_parse.py`` (same seed), in fold order, are split in two halves (every
other CV); each
setting of ``GRID`` is trained on one half and scored on the other, both ways, and the
pooled strict micro F1 of the tagger alone is printed. The held-out fold never enters it.

The dotin set is CC0 1.0 (public domain dedication), so a model trained on it may ship.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.cv.tagger import (  # noqa: E402
    DATA,
    FEATURE_VERSION,
    MODEL_PATH,
    tagger_sequence,
    token_labels,
)

#: dotin label names -> tagger labels ("Job Specific Skills" and "Tech Tools" are one label).
DOTIN_LABELS = {
    "Name": "name",
    "Email Address": "email",
    "Location": "location",
    "Designation": "designation",
    "Companies worked at": "companies",
    "Years of Experience": "years_of_experience",
    "College Name": "college",
    "Degree": "degree",
    "Graduation Year": "graduation_year",
    "Job Specific Skills": "skills_tools",
    "Tech Tools": "skills_tools",
    "Soft Skills": "soft_skills",
}
#: CRFsuite L-BFGS parameters (L1 keeps the model small; L2 smooths). c1/c2 as compared by
#: ``--grid`` on training CVs only (docs/benchmarks.md); 100 iterations, as in the grid.
PARAMS = {
    "c1": 0.15,
    "c2": 0.002,
    "max_iterations": 100,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}
#: The settings ``--grid`` compares (L1 c1, L2 c2), trained for ``GRID_ITERATIONS``.
GRID = ((0.15, 0.002), (0.05, 0.01))
GRID_ITERATIONS = 100
#: The bench's fold seed (bench/cv_parse.py FOLD_SEED): ``--grid`` leaves its first fold out.
FOLD_SEED = 2026
Span = tuple[int, int]
Cv = tuple[str, str, dict[str, list[Span]]]


def dotin_zip(path: Path) -> Path:
    return path if path.suffix == ".zip" else next(p for p in sorted(path.glob("*.zip")))


def dotin_read(path: Path) -> list[Cv]:
    """(file name, text, gold spans by tagger label) for every CV in the zip, by name."""
    out: list[Cv] = []
    with zipfile.ZipFile(dotin_zip(path)) as zf:
        names = sorted(
            n
            for n in zf.namelist()
            if n.endswith(".xml")
            and "__MACOSX/" not in n
            and not n.rsplit("/", 1)[-1].startswith("._")
        )
        for name in names:
            root = ET.fromstring(zf.read(name))
            parts: list[str] = [root.text or ""]
            gold: dict[str, list[Span]] = defaultdict(list)
            pos = len(parts[0])
            for el in root:
                value = "".join(el.itertext())
                label = DOTIN_LABELS.get(el.get("type", ""))
                if label:
                    gold[label].append((pos, pos + len(value)))
                parts.append(value)
                pos += len(value)
                parts.append(el.tail or "")
                pos += len(el.tail or "")
            out.append((name, "".join(parts), dict(gold)))
    return out


def tagger_train(cvs: list[Cv], model_path: Path, *, verbose: bool = False) -> float:
    """Train on ``cvs`` and write the model to ``model_path``; returns seconds spent."""
    import pycrfsuite  # type: ignore[import-untyped]

    t0 = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=verbose)
    for _name, text, gold in cvs:
        tokens, features = tagger_sequence(text)
        if tokens:
            trainer.append(features, token_labels(tokens, gold))
    trainer.set_params(PARAMS)
    trainer.train(str(model_path))
    return time.perf_counter() - t0


def _grid(cvs: list[Cv]) -> None:
    import random
    import tempfile

    sys.path.insert(0, str(ROOT / "bench"))
    from cv_parse import score  # type: ignore[import-not-found]

    from engine.cv.tagger import CvTagger

    order = list(range(len(cvs)))
    random.Random(FOLD_SEED).shuffle(order)
    folds = [sorted(cv for n, cv in enumerate(order) if n % 5 == f) for f in range(5)]
    train = [cvs[i] for f in folds[1:] for i in f]  # every fold but the first
    halves = [train[0::2], train[1::2]]
    global PARAMS
    shipped = dict(PARAMS)
    with tempfile.TemporaryDirectory() as tmp:
        for c1, c2 in GRID:
            PARAMS = {**shipped, "c1": c1, "c2": c2, "max_iterations": GRID_ITERATIONS}
            cases = []
            for k in (0, 1):
                model = Path(tmp) / f"half{k}.crfsuite"
                tagger_train(halves[k], model)
                tagger = CvTagger(model)
                for _name, text, gold in halves[1 - k]:
                    pred: dict[str, list[Span]] = defaultdict(list)
                    for span in tagger.tag(text):
                        pred[span.label].append((span.start, span.end))
                    cases.append((text, gold, pred))
            res = score(cases)
            print(
                f"c1 {c1} c2 {c2}: micro strict {res['micro']['strict_f1']:.3f}, "
                f"skills/tools {res['skills_tools']['strict_f1']:.3f}",
                flush=True,
            )
    PARAMS = shipped


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--data", type=Path, default=ROOT.parent / "shared" / "data" / "bench" / "cv_ner_dotin"
    )
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--grid", action="store_true", help="compare GRID on training CVs only")
    args = ap.parse_args()
    zip_path = dotin_zip(args.data)
    cvs = dotin_read(args.data)
    if args.grid:
        _grid(cvs)
        return
    seconds = tagger_train(cvs, args.out)
    meta = {
        "model": args.out.name,
        "feature_version": FEATURE_VERSION,
        "trained_on": {
            "data": "dotin resume-dataset-NER-annotations",
            "repository_commit": "052429f98489d0b9fc747d58e06db06cdeff2852",
            "file": zip_path.name,
            "sha256": hashlib.sha256(zip_path.read_bytes()).hexdigest(),
            "cvs": len(cvs),
            "licence": "CC0 1.0 Universal (public domain dedication)",
        },
        "algorithm": "CRFsuite linear-chain CRF, L-BFGS (deterministic; no random seed)",
        "params": PARAMS,
        "python_crfsuite": _version("python-crfsuite"),
        "model_sha256": hashlib.sha256(args.out.read_bytes()).hexdigest(),
        "model_bytes": args.out.stat().st_size,
        "command": "python tools/train_cv_tagger.py",
    }
    meta_path = args.out.with_suffix(".json") if args.out != MODEL_PATH else DATA / "cv_tagger.json"
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(
        f"trained on {len(cvs)} CVs in {seconds:.0f} s -> {args.out} ({meta['model_bytes']} bytes)"
    )


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


if __name__ == "__main__":
    main()
