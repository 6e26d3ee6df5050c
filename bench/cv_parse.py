"""CV parsing benchmark (issues 4 and 12).

    .venv/bin/python bench/cv_parse.py [--data ../shared/data/bench] [--runs 200] [--folds 5] [--max-folds N] [--jobs 1]

``--data`` is the bench folder holding ``cv_ner_dotin/`` and ``vacancy_resume_vanetik/`` (or
one of those two folders). Four measures, one JSON object on the last line:

1. cv_ner_dotin (310 annotated CVs, read from the zip in memory; ``__MACOSX/`` skipped):
   entity F1 per label, strict (same trimmed span) and partial (overlapping spans, matched
   one to one), micro-averaged, from ``--folds``-fold cross-validation: the CVs are shuffled
   with a fixed seed and cut into folds; for each fold the tagger is trained on the other
   folds (tools/train_cv_tagger.py, same parameters as the shipped model) and
   ``cv_parse_text`` with that model parses the held-out fold. Three columns, same run:
   - ``ours``: ``ParsedCv.entities``, every mention the tagger and the rules mark
     (engine/cv/entities.py) — what the profile's values are taken from;
   - ``fields``: the profile's structured values only (name, e-mail, location; each job's
     title, employer and dates; each education entry's institution, degree and year; the
     first mention of each taxonomy skill), which mark one mention each;
   - ``baseline``: regular expressions only.
   Skills/Tools = gold "Job Specific Skills" + "Tech Tools"; "Soft Skills" is trained on but
   not scored (the parser has no such field).
2. Throughput: ``cv_parse`` (shipped model) on a 2-page PDF (handwritten PDF, text layer),
   one process: wall-clock and CPU time per CV (the CPU figure is what one core does on a
   machine other work is sharing).
3. OCR (when Tesseract is installed): a 2-page CV drawn as page images (no text layer) read
   at 200 and 300 dpi: seconds per CV and the share of the text-layer parse's skills found.
4. vacancy_resume_vanetik (65 .docx CVs): share with non-empty skills, a name, and an
   experience total (merged job months, or a stated "N years of experience").

Evaluation only: nothing from these sets enters the product or its tests (the shipped
tagger is trained on the dotin CVs, which are CC0; the bench's figures are cross-validated).
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from train_cv_tagger import dotin_read, tagger_train  # noqa: E402

from engine.cv import CvError, ParsedCv, cv_parse, cv_parse_text  # noqa: E402
from engine.cv.tagger import CvTagger  # noqa: E402
from engine.tests.test_cv_parse_pakistani import AI, CLOUD  # noqa: E402

#: Fold assignment seed (the CVs are shuffled once, then cut into folds).
FOLD_SEED = 2026

SCORED = (
    "name",
    "email",
    "location",
    "designation",
    "companies",
    "years_of_experience",
    "college",
    "degree",
    "graduation_year",
    "skills_tools",
)
Span = tuple[int, int]


def _trim(text: str, span: Span) -> Span:
    s, e = span
    while s < e and text[s] in " \t\n\"',.;:()":
        s += 1
    while e > s and text[e - 1] in " \t\n\"',.;:()":
        e -= 1
    return s, e


def _find(text: str, value: str | None, start: int, end: int) -> list[Span]:
    if not value:
        return []
    at = text.find(value, start, end)
    return [(at, at + len(value))] if at != -1 else []


def predict_entities(parsed: ParsedCv) -> dict[str, list[Span]]:
    pred: dict[str, list[Span]] = defaultdict(list)
    for ent in parsed.entities:
        pred[ent.label].append((ent.evidence.start, ent.evidence.end))
    return pred


def predict_parser(parsed: ParsedCv) -> dict[str, list[Span]]:
    text = parsed.text
    pred: dict[str, list[Span]] = defaultdict(list)
    if parsed.name:
        pred["name"].append((parsed.name.evidence.start, parsed.name.evidence.end))
    if parsed.email:
        pred["email"].append((parsed.email.evidence.start, parsed.email.evidence.end))
    if parsed.location:
        pred["location"].append((parsed.location.evidence.start, parsed.location.evidence.end))
    for job in parsed.employment:
        ev = job.evidence
        pred["designation"] += _find(text, job.title, ev.start, ev.end)
        pred["companies"] += _find(text, job.employer, ev.start, ev.end)
        pred["years_of_experience"].append((job.dates_evidence.start, job.dates_evidence.end))
    if parsed.experience_stated:
        ev = parsed.experience_stated.evidence
        pred["years_of_experience"].append((ev.start, ev.end))
    for edu in parsed.education:
        ev = edu.evidence
        pred["college"] += _find(text, edu.institution, ev.start, ev.end)
        pred["degree"] += _find(text, edu.degree, ev.start, ev.end)
        pred["graduation_year"] += _find(
            text, str(edu.year) if edu.year else None, ev.start, ev.end
        )
    for skill in parsed.skills:
        pred["skills_tools"].append((skill.evidence.start, skill.evidence.end))
    return pred


_B_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_B_YEARS = re.compile(r"\b(?:19|20)\d{2}\s*(?:-|–|to)\s*(?:(?:19|20)\d{2}|present|current)\b", re.I)
_B_DEGREE = re.compile(
    r"\b(?:B\.?E\.?|B\.?Tech|M\.?Tech|B\.?Sc|M\.?Sc|MBA|BCA|MCA|Bachelor[^,\n]{0,40}|Master[^,\n]{0,40})",
    re.I,
)
_B_COLLEGE = re.compile(
    r"[A-Z][\w.&]*(?: [A-Z][\w.&]*)* (?:University|College|Institute)(?: of [A-Z][\w]*(?: [A-Z][\w]*)*)?"
)
_B_TITLE = re.compile(
    r"\b(?:[A-Z][a-z]+ ){0,3}(?:Engineer|Developer|Manager|Analyst|Consultant|Designer)\b"
)
_B_COMPANY = re.compile(
    r"\b[A-Z][\w&]*(?: [A-Z][\w&]*)* (?:Ltd|Inc|Limited|Pvt|Technologies|Solutions|Systems)\b\.?"
)


def predict_baseline(text: str) -> dict[str, list[Span]]:
    """Regex only: the first two words as the name, and one pattern per label."""
    pred: dict[str, list[Span]] = defaultdict(list)
    m = re.search(r"[A-Z][a-z]+ [A-Z][a-z]+", text[:200])
    if m:
        pred["name"].append(m.span())
    m = _B_EMAIL.search(text)
    if m:
        pred["email"].append(m.span())
    pred["years_of_experience"] = [m.span() for m in _B_YEARS.finditer(text)]
    pred["degree"] = [m.span() for m in _B_DEGREE.finditer(text)]
    pred["college"] = [m.span() for m in _B_COLLEGE.finditer(text)]
    pred["designation"] = [m.span() for m in _B_TITLE.finditer(text)]
    pred["companies"] = [m.span() for m in _B_COMPANY.finditer(text)]
    for m in _B_DEGREE.finditer(text):  # a year within 80 characters after a degree
        y = re.search(r"\b(?:19|20)\d{2}\b", text[m.end() : m.end() + 80])
        if y:
            pred["graduation_year"].append((m.end() + y.start(), m.end() + y.end()))
    return pred


def score(
    cases: list[tuple[str, dict[str, list[Span]], dict[str, list[Span]]]],
) -> dict[str, dict[str, float]]:
    counts: dict[str, list[int]] = defaultdict(
        lambda: [0, 0, 0, 0]
    )  # tp_strict, tp_partial, n_pred, n_gold
    for text, gold, pred in cases:
        for label in SCORED:
            g = {_trim(text, s) for s in gold.get(label, [])}
            p = {_trim(text, s) for s in pred.get(label, [])}
            g.discard((0, 0))
            c = counts[label]
            c[0] += len(g & p)
            used: set[Span] = set()
            for ps, pe in sorted(p):
                hit = next(
                    (gs for gs in sorted(g) if gs not in used and gs[0] < pe and ps < gs[1]), None
                )
                if hit:
                    used.add(hit)
            c[1] += len(used)
            c[2] += len(p)
            c[3] += len(g)
    out: dict[str, dict[str, float]] = {}

    def f1(tp: int, n_pred: int, n_gold: int) -> float:
        return round(2 * tp / (n_pred + n_gold), 3) if n_pred + n_gold else 0.0

    for label, (ts, tpart, np_, ng) in sorted(counts.items()):
        out[label] = {
            "strict_f1": f1(ts, np_, ng),
            "partial_f1": f1(tpart, np_, ng),
            "gold": ng,
            "pred": np_,
        }
    tot = [sum(c[i] for c in counts.values()) for i in range(4)]
    out["micro"] = {
        "strict_f1": f1(tot[0], tot[2], tot[3]),
        "partial_f1": f1(tot[1], tot[2], tot[3]),
        "gold": tot[3],
        "pred": tot[2],
    }
    return out


Case = tuple[str, dict[str, list[Span]], dict[str, list[Span]]]


def _fold_run(
    job: tuple[int, list[tuple[str, str, dict[str, list[Span]]]], list[int], str],
) -> tuple[list[Case], list[Case], float, float]:
    """Train on every CV not in ``held_out`` and parse the held-out ones with that model."""
    fold, data, held_out, tmp = job
    keep = set(held_out)
    train = [cv for i, cv in enumerate(data) if i not in keep]
    model = Path(tmp) / f"fold{fold}.crfsuite"
    train_s = tagger_train(train, model)
    tagger = CvTagger(model)
    ours: list[Case] = []
    fields: list[Case] = []
    t0 = time.perf_counter()
    for i in held_out:
        _name, text, gold = data[i]
        parsed = cv_parse_text(text, today=date(2026, 11, 1), tagger=tagger)
        assert parsed.text == text  # offsets match the gold text
        ours.append((text, gold, predict_entities(parsed)))
        fields.append((text, gold, predict_parser(parsed)))
    print(f"  fold {fold + 1}: trained on {len(train)} CVs in {train_s:.0f} s", flush=True)
    return ours, fields, train_s, time.perf_counter() - t0


def bench_dotin(path: Path, *, folds: int, jobs: int, max_folds: int | None) -> dict[str, object]:
    data = dotin_read(path)
    order = list(range(len(data)))
    random.Random(FOLD_SEED).shuffle(order)
    held = [sorted(cv for n, cv in enumerate(order) if n % folds == fold) for fold in range(folds)]
    ours: list[Case] = []
    fields: list[Case] = []
    base: list[Case] = []
    train_s = parse_s = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        scored = range(min(folds, max_folds or folds))  # --max-folds: the first folds only
        work = [(fold, data, held[fold], tmp) for fold in scored]
        if jobs > 1:
            import multiprocessing

            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                results = pool.map(_fold_run, work)
        else:
            results = [_fold_run(w) for w in work]
    for o, f, t_train, t_parse in results:
        ours += o
        fields += f
        train_s += t_train
        parse_s += t_parse
    for fold in scored:  # the baseline on the same held-out CVs
        for i in held[fold]:
            _name, text, gold = data[i]
            base.append((text, gold, predict_baseline(text)))
    s_ours, s_fields, s_base = score(ours), score(fields), score(base)
    print(
        f"cv_ner_dotin: {len(data)} CVs, {folds}-fold cross-validation (seed {FOLD_SEED}), "
        f"{len(work)} fold(s) scored ({len(ours)} CVs held out); "
        f"training {train_s:.0f} s in all, parsing {parse_s:.1f} s"
    )
    print(
        f"{'label':22} {'gold':>5} | {'ours strict':>11} {'partial':>8} | {'fields':>7} | "
        f"{'base strict':>11} {'partial':>8} | {'ours/base':>9}"
    )
    for label in s_ours:
        o, f, b = s_ours[label], s_fields[label], s_base[label]
        ratio = f"{o['strict_f1'] / b['strict_f1']:.2f}" if b["strict_f1"] else "-"
        print(
            f"{label:22} {int(o['gold']):5} | {o['strict_f1']:11.3f} {o['partial_f1']:8.3f} | "
            f"{f['strict_f1']:7.3f} | {b['strict_f1']:11.3f} {b['partial_f1']:8.3f} | {ratio:>9}"
        )
    ratio = {
        k: round(s_ours["micro"][k] / s_base["micro"][k], 2) if s_base["micro"][k] else None
        for k in ("strict_f1", "partial_f1")
    }
    below = [k for k in SCORED if s_ours[k]["strict_f1"] < s_base[k]["strict_f1"]]
    print(f"micro ratio ours/baseline: strict {ratio['strict_f1']}, partial {ratio['partial_f1']}")
    print(f"labels below the baseline (strict): {', '.join(below) or 'none'}")
    return {
        "cvs": len(data),
        "folds": folds,
        "folds_scored": len(work),
        "cvs_scored": len(ours),
        "fold_seed": FOLD_SEED,
        "ours": s_ours,
        "fields": s_fields,
        "baseline": s_base,
        "micro_ratio": ratio,
        "labels_below_baseline": below,
    }


def bench_throughput(runs: int) -> dict[str, object]:
    text = AI + "\n\n" + CLOUD.split("\n", 3)[3]  # one CV's worth of sections, two pages
    from engine.tests.test_cv_files import pdf_bytes

    data = pdf_bytes(text, lines_per_page=40)
    parsed = cv_parse(data, filename="cv.pdf")
    assert parsed.pages == 2, parsed.pages
    for _ in range(5):
        cv_parse(data, filename="cv.pdf")
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(runs):
        cv_parse(data, filename="cv.pdf")
    per = (time.perf_counter() - t0) / runs
    cpu = (time.process_time() - c0) / runs
    print(
        f"throughput: 2-page PDF ({len(data)} bytes, {len(parsed.text)} chars): {per * 1000:.1f} ms/CV, {1 / per:.0f} CVs/s on one core "
        f"(wall clock); CPU time {cpu * 1000:.1f} ms/CV, {1 / cpu:.0f} CVs per CPU second"
    )
    return {
        "ms_per_cv": round(per * 1000, 2),
        "cvs_per_s": round(1 / per, 1),
        # CPU time of this process: what one core does, whatever else shares the machine
        "cpu_ms_per_cv": round(cpu * 1000, 2),
        "cvs_per_cpu_s": round(1 / cpu, 1),
        "pages": 2,
        "chars": len(parsed.text),
    }


def _scanned_pdf(text: str, *, lines_per_page: int = 40) -> bytes:
    """``text`` drawn on A4 page images at 300 dpi (11-pt type), as a PDF with no text."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=46)
    lines = text.split("\n")
    pages = []
    for at in range(0, len(lines), lines_per_page):
        page = Image.new("L", (2480, 3508), 255)
        draw = ImageDraw.Draw(page)
        for n, line in enumerate(lines[at : at + lines_per_page]):
            draw.text((180, 180 + 78 * n), line, fill=0, font=font)
        pages.append(page)
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", resolution=300, save_all=True, append_images=pages[1:])
    return buf.getvalue()


def bench_ocr() -> dict[str, object] | None:
    from engine.cv import ocr

    if not ocr.tesseract_available():
        print("ocr: tesseract not installed, skipped")
        return None
    text = AI + "\n\n" + CLOUD.split("\n", 3)[3]
    expected = {s.skill_id for s in cv_parse_text(text).skills}
    data = _scanned_pdf(text)
    out: dict[str, object] = {"pages": 2, "skills_text_layer": len(expected)}
    default = ocr.OCR_DPI
    try:
        for dpi in (200, 300):
            ocr.OCR_DPI = dpi
            t0 = time.perf_counter()
            parsed = cv_parse(data, filename="scan.pdf")
            seconds = time.perf_counter() - t0
            found = {s.skill_id for s in parsed.skills} & expected
            share = len(found) / len(expected)
            print(
                f"ocr at {dpi} dpi: {seconds:.1f} s per 2-page scan, "
                f"{len(found)}/{len(expected)} skills of the text-layer parse ({share:.2f})"
            )
            out[f"dpi_{dpi}"] = {"seconds": round(seconds, 2), "skills_share": round(share, 3)}
    finally:
        ocr.OCR_DPI = default
    return out


def bench_vanetik(path: Path) -> dict[str, object]:
    files = sorted(
        (path / "CV").glob("*.docx"), key=lambda p: int(p.stem) if p.stem.isdigit() else 0
    )
    skills = names = experience = errors = 0
    for f in files:
        try:
            parsed = cv_parse(f.read_bytes(), filename=f.name, today=date(2026, 11, 1))
        except CvError as exc:
            errors += 1
            print(f"  {f.name}: {exc.code}")
            continue
        skills += bool(parsed.skills)
        names += parsed.name is not None
        experience += bool(parsed.experience_months) or parsed.experience_stated is not None
    n = len(files)
    out = {
        "cvs": n,
        "skills_share": round(skills / n, 3),
        "name_share": round(names / n, 3),
        "experience_share": round(experience / n, 3),
        "errors": errors,
    }
    print(
        f"vacancy_resume_vanetik: {n} CVs; non-empty skills {skills}/{n}, name {names}/{n}, experience total {experience}/{n}, errors {errors}"
    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    root = Path(__file__).resolve().parents[1]
    ap.add_argument("--data", type=Path, default=root.parent / "shared" / "data" / "bench")
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument(
        "--max-folds",
        type=int,
        default=None,
        help="score only the first N folds (each trained on all the other folds): a partial "
        "cross-validation where a full one takes too long",
    )
    ap.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="folds trained at once (processes); figures are the same",
    )
    args = ap.parse_args()
    result: dict[str, object] = {
        "machine": f"{platform.machine()} {platform.python_version()}",
        "date": date.today().isoformat(),
    }
    dotin = args.data if args.data.name == "cv_ner_dotin" else args.data / "cv_ner_dotin"
    vanetik = (
        args.data
        if args.data.name == "vacancy_resume_vanetik"
        else args.data / "vacancy_resume_vanetik"
    )
    if dotin.exists():
        result["cv_ner_dotin"] = bench_dotin(
            dotin, folds=args.folds, jobs=args.jobs, max_folds=args.max_folds
        )
    result["throughput"] = bench_throughput(args.runs)
    result["ocr"] = bench_ocr()
    if vanetik.exists():
        result["vacancy_resume_vanetik"] = bench_vanetik(vanetik)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
