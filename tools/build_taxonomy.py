"""Build the product's skills taxonomy, ``engine/data/skills.json``.

Inputs (read only, no network):

- ``engine/data/skills_curated.json``: the team's curation: categories, hand-written skills
  (stable ids, Japanese names, aliases, parents) and the builder's rules (which O*NET
  commodity classes and occupations are IT-relevant, vendor names, ESCO keyword filter).
- O*NET 29.2 ``Technology Skills.txt`` (CC BY 4.0): technology examples with their
  commodity code, the occupations that use them and the Hot Technology / In Demand flags.
- ESCO ``skills.csv`` + ``skills_en_label.txt`` (European Commission): skill URIs with
  their preferred labels run together with alternative labels and the description.

Output: one JSON file with ``version``, ``attribution``, ``categories`` and ``skills``
(sorted by id), each skill with category, aliases, parents, ESCO URI, O*NET commodity
codes, ``hot``/``in_demand`` flags, ``demand`` (number of O*NET occupations listing it)
and ``ambiguous`` (names that are also ordinary words and need context to count).

The build is deterministic: the same inputs give the same bytes.

Usage::

    python tools/build_taxonomy.py [--onet DIR] [--esco DIR] [--curated FILE] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "taxonomy"
VERSION = "2026.11.1"
ATTRIBUTION = [
    "O*NET 29.2 Database, U.S. Department of Labor/Employment and Training Administration "
    "(USDOL/ETA), CC BY 4.0. Used and modified under that licence; USDOL/ETA has not "
    "approved, endorsed or tested these modifications.",
    "ESCO classification, European Commission (ESCO v1.1 skills).",
    "Japanese names, aliases, parents and IT-relevance rules: Kakehashi team curation.",
]
JA_MIN_TOP = 600
MAX_ID = 60


@dataclass
class OnetTech:
    """One O*NET technology example aggregated over the occupations that list it."""

    name: str
    occupations: set[str] = field(default_factory=set)
    commodities: set[str] = field(default_factory=set)
    hot: bool = False
    in_demand: bool = False


def norm_key(text: str) -> str:
    """Lower-case, NFKC, punctuation other than + # . / folded to spaces: the merge key."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[^\w+#./]+", " ", text)
    return " ".join(text.split())


def slugify(text: str) -> str:
    """A stable ASCII id: 'Microsoft SQL Server' -> 'microsoft-sql-server', 'C#' -> 'c-sharp'."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("c++", "cpp").replace("#", "-sharp").replace("+", "-plus").replace(".", "-")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(text) > MAX_ID:  # the database keeps ids of at most 80 characters
        text = text[: text.rfind("-", 0, MAX_ID)]
    return text or "skill"


def read_onet(onet_dir: Path) -> dict[str, OnetTech]:
    """Technology examples of O*NET's Technology Skills file, keyed by example name."""
    techs: dict[str, OnetTech] = {}
    with (onet_dir / "Technology Skills.txt").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            tech = techs.setdefault(row["Example"], OnetTech(row["Example"]))
            tech.occupations.add(row["O*NET-SOC Code"])
            tech.commodities.add(row["Commodity Code"])
            tech.hot |= row["Hot Technology"] == "Y"
            tech.in_demand |= row["In Demand"] == "Y"
    return techs


def onet_is_it(tech: OnetTech, rules: dict[str, object]) -> bool:
    """Whether an O*NET example belongs in an IT taxonomy, by its commodity class and users."""
    commodities: dict[str, list[str]] = rules["commodities"]  # type: ignore[assignment]
    it_occ = tuple(rules["it_occupation_prefixes"])  # type: ignore[call-overload]
    media_occ = tuple(rules["media_occupation_prefixes"])  # type: ignore[call-overload]
    excluded = tuple(rules["not_it_occupations"])  # type: ignore[call-overload]
    occupations = {o for o in tech.occupations if not o.startswith(excluded)}
    used_in_it = any(o.startswith(it_occ) for o in occupations)
    used_in_media = any(o.startswith(media_occ) for o in occupations)
    widely_used = tech.hot or tech.in_demand or len(occupations) >= 3
    for code in tech.commodities:
        scope = commodities.get(code, ["", "", "no"])[2]
        if scope == "any" and (used_in_it or widely_used):
            return True
        if scope == "it" and used_in_it:
            return True
        if scope == "media" and (used_in_it or used_in_media):
            return True
    return False


def onet_names(
    name: str,
    vendors: list[str],
    generic: bool = False,
    vocab: frozenset[str] = frozenset(),
    keep_words: frozenset[str] = frozenset(),
) -> tuple[str, list[str], str]:
    """Display name, aliases and vendor of an O*NET example.

    'Amazon Web Services AWS software' -> ('Amazon Web Services (AWS)',
    ['Amazon Web Services AWS', 'Amazon Web Services', 'AWS'], 'Amazon').
    """
    aliases: list[str] = []
    base = re.sub(r"\s+software$", "", name).strip()
    if base != name:
        aliases.append(base)
    vendor = next(
        (v for v in sorted(vendors, key=len, reverse=True) if base.startswith(v + " ")), ""
    )
    tokens = base.split()
    display = name if generic else base
    if len(tokens) >= 3 and is_acronym_of(tokens[-1], tokens[:-1]):
        long_form = " ".join(tokens[:-1])
        if not generic:
            display = f"{long_form} ({tokens[-1]})"
        aliases += [long_form, tokens[-1]]
        if vendor and long_form.startswith(vendor + " "):
            aliases.append(long_form[len(vendor) + 1 :])
    if vendor:
        rest = base[len(vendor) + 1 :]
        if len(rest) >= 2:
            aliases.append(rest)
    # 'Google Cloud' -> 'Cloud', 'Amazon Web Services' -> 'Web Services': vendor-less
    # remainders made only of ordinary words name nothing, unless curated as ambiguous.
    aliases = [
        a
        for a in aliases
        if not (
            vendor
            and a
            in {
                base[len(vendor) + 1 :],
                *[x[len(vendor) + 1 :] for x in aliases if x.startswith(vendor + " ")],
            }
        )
        or a in keep_words
        or not all(w in vocab for w in norm_key(a).split())
    ]
    seen: list[str] = []
    for a in aliases:
        if a and a != display and a not in seen:
            seen.append(a)
    return display, seen, vendor


def is_acronym_of(token: str, words: list[str]) -> bool:
    """Whether ``token`` ('SSIS') abbreviates ``words`` ('Microsoft SQL Server Integration Services').

    Its letters must appear, in order, among the words' initials and capital letters.
    """
    if not re.fullmatch(r"[A-Z][A-Z0-9]{1,6}", token):
        return False
    pool = "".join(
        ch.upper()
        for w in words
        for i, ch in enumerate(w)
        if ch.isalpha() and (i == 0 or ch.isupper())
    )
    pos = 0
    for ch in token:
        if not ch.isalpha():
            continue
        pos = pool.find(ch, pos) + 1
        if pos == 0:
            return False
    return True


def read_esco(esco_dir: Path) -> list[tuple[str, str, str]]:
    """ESCO skills as (uri, preferred label, rest of the run-together text).

    The CSV runs the preferred label, the alternative labels and the definition together;
    the preferred label is the longest prefix that is a known label.
    """
    labels = {
        line.rstrip("\n") for line in (esco_dir / "skills_en_label.txt").open(encoding="utf-8")
    }
    out: list[tuple[str, str, str]] = []
    with (esco_dir / "skills.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            words = row["description"].split(" ")
            best = ""
            for i in range(1, min(len(words), 16) + 1):
                prefix = " ".join(words[:i])
                if prefix in labels:
                    best = prefix
            if best:
                out.append((row["id"], best, row["description"][len(best) :].strip()))
    out.sort()
    return out


def english_vocabulary(esco_rows: list[tuple[str, str, str]]) -> set[str]:
    """Ordinary English words (lower case), taken from ESCO's definitions.

    A skill name that is also such a word ('Spark', 'Go', 'Excel') needs context before an
    extractor may count it.
    """
    counts: Counter[str] = Counter()
    for _, _, rest in esco_rows:
        counts.update(w for w in re.findall(r"[a-z][a-z'-]+", rest) if w == w.lower())
    return {w for w, n in counts.items() if n >= 3}


ESCO_CATEGORY_RULES: list[tuple[str, str]] = [
    (r"animat|3D|visual effects|render|textur|rig |storyboard|motion graphics|2D", "animation_3d"),
    (
        r"machine learning|artificial intelligence|data (?:mining|science|analy|model|ware)|statist|neural|big data|"
        r"computer vision|natural language|business intelligence",
        "ai_data",
    ),
    (r"cloud|DevOps|operating system|server|virtuali|backup|deploy", "cloud_devops"),
    (r"database|SQL|query", "databases"),
    (r"secur|cyber|encrypt|penetration|malware|attack|threat|forensic", "security"),
    (r"\btest|debug|quality", "testing"),
    (r"mobile|android|iOS", "mobile"),
    (r"embedded|firmware|IoT|microcontroller|robot|electronic", "embedded"),
    (r"network|protocol|router|telecommunic|internet", "networking"),
    (
        r"user interface|UX|usability|graphic|design (?:website|user|interface)|web design|visual design",
        "design",
    ),
    (
        r"programming|\(computer programming\)|source code|compiler|scripting|algorithm",
        "programming_languages",
    ),
    (r"software|framework|web|API|application", "frameworks"),
]


def esco_category(label: str, rest: str) -> str:
    """The category of an ESCO skill from keywords in its label, then in its description."""
    for text in (label, rest[:300]):
        for pattern, cat in ESCO_CATEGORY_RULES:
            if re.search(pattern, text, flags=re.IGNORECASE if cat != "mobile" else 0):
                return cat
    return "professional"


def esco_is_it(label: str, rest: str, rules: dict[str, object]) -> bool:
    """Whether an ESCO skill is IT-relevant, by the curated keyword lists."""
    low = (label + " " + rest).lower()
    if any(w.lower() in low for w in rules["esco_exclude_words"]):  # type: ignore[attr-defined]
        return False
    for kw in rules["esco_label_keywords"]:  # type: ignore[attr-defined]
        if re.search(r"(?<![A-Za-z])" + re.escape(kw) + r"(?![a-z])", label):
            return True
    return any(
        re.search(r"\b" + re.escape(kw) + r"\b", rest)
        for kw in rules["esco_description_keywords"]  # type: ignore[attr-defined]
    )


def is_ambiguous(
    name: str, vocab: set[str], esco_labels: set[str], amb_words: frozenset[str]
) -> bool:
    """Whether a skill name is also an ordinary word, so that only context makes it a skill.

    Single letters ('C', 'R'), short mixed-case names ('Go', 'tf'), curated words
    ('Swift', 'Spring', 'Excel') and single English words that ESCO does not list as a
    skill ('Spark', 'Puppet'). Upper-case acronyms ('AI', 'QA') are not: the extractor
    matches those case-sensitively instead.
    """
    k = norm_key(name)
    if not k or not k.isascii() or " " in k:
        return False
    if name in amb_words:
        return True
    if k.isalpha() and (len(k) == 1 or (len(k) == 2 and not name.isupper())):
        return True
    return k in vocab and k not in esco_labels and not name.isupper()


def is_generic(name: str, vocab: set[str], vendors: list[str]) -> bool:
    """O*NET examples that name a kind of software ('Statistical software'), not a product."""
    words = name.split()
    if len(words) < 2 or any(name.startswith(v + " ") for v in vendors):
        return False
    rest = [w for w in words[1:] if not re.fullmatch(r"[A-Z0-9/]{2,}", w)]
    return words[0].lower() in vocab and all(w[:1].islower() or w[:1].isdigit() for w in rest)


def generic_name_ja(name: str, rules: dict[str, object]) -> str:
    """Japanese name of a generic O*NET example: curated, else its acronym ('CICS'), else ''."""
    curated: dict[str, str] = rules["generic_names_ja"]  # type: ignore[assignment]
    if name in curated:
        return curated[name]
    acronyms = re.findall(r"\b[A-Z][A-Z0-9]{1,6}\b", name)
    return acronyms[-1] if acronyms else ""


def build(onet_dir: Path, esco_dir: Path, curated_path: Path) -> dict[str, object]:
    """The taxonomy as a JSON-ready dict (see the module docstring)."""
    curated = json.loads(curated_path.read_text(encoding="utf-8"))
    rules = curated["builder"]
    skills: dict[str, dict[str, object]] = {}
    key_to_id: dict[str, str] = {}

    def add_keys(sid: str, names: list[str], min_len: int = 1) -> None:
        for n in names:
            k = norm_key(n)
            if len(k) >= min_len:
                key_to_id.setdefault(k, sid)

    for s in curated["skills"]:
        sk = {
            "id": s["id"],
            "name_en": s["name_en"],
            "name_ja": s.get("name_ja", ""),
            "category": s["category"],
            "aliases": list(s.get("aliases", [])),
            "parents": list(s.get("parents", [])),
            "esco_uri": s.get("esco_uri", ""),
            "onet_codes": [],
            "hot": bool(s.get("hot", False)),
            "in_demand": False,
            "demand": 0,
            "source": "curated",
        }
        skills[s["id"]] = sk
        add_keys(s["id"], [s["name_en"]])
    for s in curated["skills"]:
        add_keys(s["id"], s.get("aliases", []), min_len=4)
        # curated acronyms ("LAN", "VPN", "RTOS") are names, whatever their length
        add_keys(s["id"], [a for a in s.get("aliases", []) if a.isascii() and a.isupper()], 2)
    onet_explicit = {ex: s["id"] for s in curated["skills"] for ex in s.get("onet", [])}

    esco_rows = read_esco(esco_dir)
    vocab = english_vocabulary(esco_rows)
    esco_labels = {norm_key(label) for _, label, _ in esco_rows}
    amb_words = frozenset(rules["ambiguous_words"])

    # --- O*NET technology examples
    techs = read_onet(onet_dir)
    vendors: list[str] = rules["vendors"]
    vendor_parents: dict[str, str] = rules["vendor_parents"]
    commodities: dict[str, list[str]] = rules["commodities"]
    curated_names = sorted(
        ((norm_key(s["name_en"]), s["id"]) for s in curated["skills"] if len(s["name_en"]) >= 4),
        key=lambda kv: (-len(kv[0]), kv[0]),
    )
    for name in sorted(techs):
        tech = techs[name]
        if name not in onet_explicit and not onet_is_it(tech, rules):
            continue
        generic = is_generic(name, vocab, vendors)
        display, aliases, _vendor = onet_names(name, vendors, generic, frozenset(vocab), amb_words)
        sid = onet_explicit.get(name)
        if sid is None:
            for cand in [name, display, *aliases]:
                sid = key_to_id.get(norm_key(cand))
                if sid:
                    break
        if sid is None:
            sid = slugify(display)
            while sid in skills:
                sid += "-x"
            codes = sorted(tech.commodities)
            rule = next(
                (commodities[c] for c in codes if c in commodities), ["professional", "", ""]
            )
            parent = ""
            for v in sorted(vendor_parents, key=len, reverse=True):
                if name.startswith(v + " "):
                    parent = vendor_parents[v]
                    break
            if not parent:
                nk = " " + norm_key(display) + " "
                parent = next((cid for ck, cid in curated_names if f" {ck} " in nk), "")
            parent = parent or rule[1]
            skills[sid] = {
                "id": sid,
                "name_en": display,
                "name_ja": generic_name_ja(name, rules) if generic else display,
                "category": rule[0],
                "aliases": aliases,
                "parents": [parent] if parent and parent != sid else [],
                "esco_uri": "",
                "onet_codes": [],
                "hot": False,
                "in_demand": False,
                "demand": 0,
                "source": "onet",
            }
            add_keys(sid, [display, *aliases], min_len=4)
        sk = skills[sid]
        sk["onet_codes"] = sorted(set(sk["onet_codes"]) | tech.commodities)  # type: ignore[arg-type]
        sk["hot"] = bool(sk["hot"]) or tech.hot
        sk["in_demand"] = bool(sk["in_demand"]) or tech.in_demand
        sk["demand"] = max(int(sk["demand"]), len(tech.occupations))  # type: ignore[call-overload]
        if sk["source"] == "curated" and name != sk["name_en"]:
            for a in [name, *aliases]:
                if a not in sk["aliases"] and a != sk["name_en"] and len(norm_key(a)) >= 4:  # type: ignore[operator]
                    sk["aliases"].append(a)  # type: ignore[attr-defined]

    # --- ESCO skills: cross-reference, and add the IT-relevant ones we lack
    # names written exactly as a skill's name or alias ("iOS", "R") match at any length
    exact_names: dict[str, str] = {}
    for sk in skills.values():
        for n in [str(sk["name_en"]), *sk["aliases"]]:  # type: ignore[misc]
            exact_names.setdefault(n, str(sk["id"]))
    for uri, label, rest in esco_rows:
        stripped = re.sub(r"\s*\((?:computer programming|[^)]*software[^)]*)\)$", "", label)
        sid = exact_names.get(label) or exact_names.get(stripped)
        for cand in (label, stripped):
            if sid:
                break
            k = norm_key(cand)
            hit = key_to_id.get(k)
            if hit and (len(k) >= 4 or norm_key(str(skills[hit]["name_en"])) == k):
                sid = hit
                break
        if sid is None:
            if not esco_is_it(label, rest, rules):
                continue
            sid = slugify(stripped)
            if sid in skills:
                sid += "-esco"
            if sid in skills:
                continue
            skills[sid] = {
                "id": sid,
                "name_en": label,
                "name_ja": "",
                "category": esco_category(label, rest),
                "aliases": [stripped] if stripped != label else [],
                "parents": [],
                "esco_uri": uri,
                "onet_codes": [],
                "hot": False,
                "in_demand": False,
                "demand": 0,
                "source": "esco",
            }
            add_keys(sid, [label, stripped], min_len=4)
        elif not skills[sid]["esco_uri"]:
            skills[sid]["esco_uri"] = uri

    # --- aliases that are ordinary words need context in extraction
    for sk in skills.values():
        names = [str(sk["name_en"]), *sk["aliases"]]  # type: ignore[misc]
        amb = []
        for n in names:
            if is_ambiguous(n, vocab, esco_labels, amb_words):
                amb.append(n)
        sk["ambiguous"] = amb
        sk["aliases"] = [a for a in dict.fromkeys(sk["aliases"]) if a != sk["name_en"]]  # type: ignore[call-overload]

    ranked = sorted(skills.values(), key=demand_rank)
    missing = [str(s["id"]) for s in ranked[:JA_MIN_TOP] if not s["name_ja"]]
    if missing:
        print(
            f"warning: {len(missing)} of the top {JA_MIN_TOP} lack name_ja: {missing}",
            file=sys.stderr,
        )
    for sk in skills.values():
        del sk["source"]
    return {
        "version": VERSION,
        "attribution": ATTRIBUTION,
        "sources": {
            "onet": "O*NET 29.2 Technology Skills (February 2025)",
            "esco": "ESCO v1.1.0 skills (preferred labels and URIs)",
            "curation": f"engine/data/skills_curated.json {curated['version']}",
        },
        "categories": curated["categories"],
        "skills": [skills[k] for k in sorted(skills)],
    }


def esco_occupation_uris(esco_dir: Path, labels: set[str]) -> dict[str, str]:
    """ESCO occupation URI for each wanted preferred label (the CSV starts each text with it)."""
    out: dict[str, str] = {}
    with (esco_dir / "occupations.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if "/occupation/" not in row["id"]:
                continue
            text = row["description"]
            for label in labels:
                if text.startswith(label + " ") and label not in out:
                    out[label] = row["id"]
    return out


def build_occupations(onet_dir: Path, esco_dir: Path, curated_path: Path) -> dict[str, object]:
    """IT occupations with their English titles (O*NET) and Japanese titles (curation)."""
    curated = json.loads(curated_path.read_text(encoding="utf-8"))
    occ_rules = curated["occupations"]
    rules = curated["builder"]
    it_prefixes = tuple(rules["it_occupation_prefixes"])
    excluded = tuple(rules["not_it_occupations"])
    extra = set(occ_rules["extra_occupations"])
    titles: dict[str, dict[str, object]] = {}
    with (onet_dir / "Occupation Data.txt").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            code = row["O*NET-SOC Code"]
            if (code.startswith(it_prefixes) and not code.startswith(excluded)) or code in extra:
                titles[code] = {"code": code, "title": row["Title"], "titles_en": [row["Title"]]}
    for fname, col in (
        ("Alternate Titles.txt", "Alternate Title"),
        ("Sample of Reported Titles.txt", "Reported Job Title"),
    ):
        with (onet_dir / fname).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                occ = titles.get(row["O*NET-SOC Code"])
                if occ is not None and row[col] not in occ["titles_en"]:  # type: ignore[operator]
                    occ["titles_en"].append(row[col])  # type: ignore[attr-defined]
    esco_by_onet: dict[str, str] = occ_rules["esco_by_onet"]
    curated_titles = occ_rules["ja_titles"] + occ_rules["en_titles"]
    wanted = set(esco_by_onet.values()) | {t[2] for t in curated_titles if len(t) > 2}
    uris = esco_occupation_uris(esco_dir, wanted)
    for code, occ in titles.items():
        label = esco_by_onet.get(code, "")
        occ["esco_label"] = label if label in uris else ""
        occ["esco_uri"] = uris.get(label, "")
        if occ["esco_label"]:
            occ["titles_en"].append(label)  # type: ignore[attr-defined]
    ja = []
    for entry in curated_titles:
        title, code = entry[0], entry[1]
        label = entry[2] if len(entry) > 2 else esco_by_onet.get(code, "")
        ja.append(
            {"title": title, "code": code, "esco_label": label, "esco_uri": uris.get(label, "")}
        )
    return {
        "version": VERSION,
        "attribution": ATTRIBUTION,
        "seniority_en": occ_rules["seniority_en"],
        "seniority_ja": occ_rules["seniority_ja"],
        "occupations": [titles[c] for c in sorted(titles)],
        "curated_titles": ja,
    }


def demand_rank(s: dict[str, object]) -> tuple[int, int, int, str]:
    """Sort key: hot first, then in-demand, then the number of O*NET occupations."""
    return (-int(bool(s["hot"])), -int(bool(s["in_demand"])), -int(s["demand"]), str(s["id"]))  # type: ignore[call-overload]


def dump(data: dict[str, object]) -> str:
    """JSON with one skill per line, so that reviews and diffs stay readable."""
    lines = ["{"]
    items = list(data.items())
    for i, (k, v) in enumerate(items):
        end = "," if i < len(items) - 1 else ""
        if isinstance(v, list) and v and isinstance(v[0], dict):
            lines.append(f" {json.dumps(k)}: [")
            lines += [
                "  " + json.dumps(x, ensure_ascii=False) + ("," if j < len(v) - 1 else "")
                for j, x in enumerate(v)
            ]
            lines.append(" ]" + end)
        else:
            lines.append(f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}{end}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--onet", type=Path, default=SHARED / "onet")
    ap.add_argument("--esco", type=Path, default=SHARED / "esco")
    ap.add_argument(
        "--curated", type=Path, default=ROOT / "engine" / "data" / "skills_curated.json"
    )
    ap.add_argument("--out", type=Path, default=ROOT / "engine" / "data" / "skills.json")
    ap.add_argument(
        "--occupations-out", type=Path, default=ROOT / "engine" / "data" / "skills_occupations.json"
    )
    args = ap.parse_args(argv)
    data = build(args.onet, args.esco, args.curated)
    args.out.write_text(dump(data), encoding="utf-8")
    occupations = build_occupations(args.onet, args.esco, args.curated)
    args.occupations_out.write_text(dump(occupations), encoding="utf-8")
    skills: list[dict[str, object]] = data["skills"]  # type: ignore[assignment]
    n_ja = sum(1 for s in skills if s["name_ja"])
    by_cat = Counter(str(s["category"]) for s in skills)
    print(
        f"wrote {args.out}: {len(skills)} skills, {n_ja} with name_ja; {dict(sorted(by_cat.items()))}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
