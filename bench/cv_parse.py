"""CV parsing benchmark (issue 4).

    .venv/bin/python bench/cv_parse.py [--data ../shared/data/bench] [--runs 200]

``--data`` is the bench folder holding ``cv_ner_dotin/`` and ``vacancy_resume_vanetik/`` (or
one of those two folders). Three measures, one JSON object on the last line:

1. cv_ner_dotin (310 annotated CVs, read from the zip in memory): entity F1 per label,
   strict (same trimmed span) and partial (overlapping spans, matched one to one), and
   micro-averaged over the labels the parser produces, for ``cv_parse_text`` and a
   regex-only baseline in the same run. Parser output -> labels: name, e-mail, location ->
   Name, Email Address, Location; job titles -> Designation; employers -> Companies worked
   at; job date ranges and the stated "N years of experience" -> Years of Experience;
   institution, degree and year found inside each education entry -> College Name, Degree,
   Graduation Year; skills (first mention of each) -> "Skills/Tools" (gold: Job Specific
   Skills + Tech Tools). The gold labels mark every occurrence (all job locations, every
   skill mention); the parser reports the candidate's own location and one mention per
   skill, which bounds its recall on those labels.
2. Throughput: ``cv_parse`` on a 2-page PDF (handwritten PDF, text layer), one process.
3. vacancy_resume_vanetik (65 .docx CVs): share with non-empty skills, a name, and an
   experience total (merged job months, or a stated "N years of experience").

Evaluation only: nothing from these sets enters the product or its tests.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.cv import CvError, ParsedCv, cv_parse, cv_parse_text
from engine.tests.test_cv_parse_pakistani import AI, CLOUD

LABELS = {
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
}
Span = tuple[int, int]


def dotin_read(path: Path) -> list[tuple[str, str, dict[str, list[Span]]]]:
    """(file name, text, gold spans by label) for every CV in the zip."""
    zip_path = path if path.suffix == ".zip" else next(path.glob("*.zip"))
    out = []
    with zipfile.ZipFile(zip_path) as zf:
        for name in sorted(n for n in zf.namelist() if n.endswith(".xml")):
            root = ET.fromstring(zf.read(name))
            parts: list[str] = [root.text or ""]
            gold: dict[str, list[Span]] = defaultdict(list)
            pos = len(parts[0])
            for el in root:
                value = "".join(el.itertext())
                label = LABELS.get(el.get("type", ""))
                if label:
                    gold[label].append((pos, pos + len(value)))
                parts.append(value)
                pos += len(value)
                parts.append(el.tail or "")
                pos += len(el.tail or "")
            out.append((name, "".join(parts), gold))
    return out


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
        for label in set(LABELS.values()):
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


def bench_dotin(path: Path) -> dict[str, object]:
    data = dotin_read(path)
    ours, base = [], []
    t0 = time.perf_counter()
    for _name, text, gold in data:
        parsed = cv_parse_text(text, today=date(2026, 11, 1))
        ours.append((parsed.text, gold, predict_parser(parsed)))
    elapsed = time.perf_counter() - t0
    for _name, text, gold in data:
        base.append((text, gold, predict_baseline(text)))
    # parse_text normalises nothing itself, so offsets match the gold text
    assert all(p[0] == d[1] for p, d in zip(ours, data, strict=True))
    s_ours, s_base = score(ours), score(base)
    print(f"cv_ner_dotin: {len(data)} CVs, parsed in {elapsed:.2f} s")
    print(
        f"{'label':22} {'gold':>5} | {'ours strict':>11} {'partial':>8} | {'base strict':>11} {'partial':>8}"
    )
    for label in s_ours:
        o, b = s_ours[label], s_base[label]
        print(
            f"{label:22} {int(o['gold']):5} | {o['strict_f1']:11.3f} {o['partial_f1']:8.3f} | {b['strict_f1']:11.3f} {b['partial_f1']:8.3f}"
        )
    ratio = {
        k: round(s_ours["micro"][k] / s_base["micro"][k], 2) if s_base["micro"][k] else None
        for k in ("strict_f1", "partial_f1")
    }
    print(f"micro ratio ours/baseline: strict {ratio['strict_f1']}, partial {ratio['partial_f1']}")
    return {"cvs": len(data), "ours": s_ours, "baseline": s_base, "micro_ratio": ratio}


def bench_throughput(runs: int) -> dict[str, object]:
    text = AI + "\n\n" + CLOUD.split("\n", 3)[3]  # one CV's worth of sections, two pages
    from engine.tests.test_cv_files import pdf_bytes

    data = pdf_bytes(text, lines_per_page=40)
    parsed = cv_parse(data, filename="cv.pdf")
    assert parsed.pages == 2, parsed.pages
    for _ in range(5):
        cv_parse(data, filename="cv.pdf")
    t0 = time.perf_counter()
    for _ in range(runs):
        cv_parse(data, filename="cv.pdf")
    per = (time.perf_counter() - t0) / runs
    print(
        f"throughput: 2-page PDF ({len(data)} bytes, {len(parsed.text)} chars): {per * 1000:.1f} ms/CV, {1 / per:.0f} CVs/s on one core"
    )
    return {
        "ms_per_cv": round(per * 1000, 2),
        "cvs_per_s": round(1 / per, 1),
        "pages": 2,
        "chars": len(parsed.text),
    }


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
        result["cv_ner_dotin"] = bench_dotin(dotin)
    result["throughput"] = bench_throughput(args.runs)
    if vanetik.exists():
        result["vacancy_resume_vanetik"] = bench_vanetik(vanetik)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
