"""Generate the bilingual relevance set (issue 13): 48 jobs (24 Japanese) x 240 candidates.

    .venv/bin/python bench/relevance/generate.py     # rewrites jobs.json, candidates.json, grades.json

Deterministic (fixed seed). The rules that grade each pair are in ``RULES.md`` beside this file
and implemented in :func:`grade`; grades read only the latent attributes drawn here, never a
text or a score. Our own synthetic data: nothing from a benchmark set or the product's demo.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261203
JLPT = ("N5", "N4", "N3", "N2", "N1")

# specialty -> (track, EN titles, JA titles, skill pool [(taxonomy id, EN name, JA name)],
#               EN duties, JA duties)
SPECIALTIES: dict[str, dict] = {
    "cv": {
        "did": [
            "trained image models for quality inspection on a factory line",
            "worked on face and vehicle recognition for CCTV",
        ],
        "track": "ai",
        "titles": ["Computer Vision Engineer", "Machine Learning Engineer (Vision)"],
        "titles_ja": ["画像認識エンジニア", "機械学習エンジニア（画像解析）"],
        "pool": [
            ("computer-vision", "computer vision", "画像認識"),
            ("pytorch", "PyTorch", "PyTorch"),
            ("opencv", "OpenCV", "OpenCV"),
            ("object-detection", "object detection", "物体検出"),
            ("cnn", "CNN", "CNN"),
            ("deep-learning", "deep learning", "深層学習"),
            ("python", "Python", "Python"),
        ],
        "duties": "build models that detect defects and objects in camera images",
        "duties_ja": "カメラ画像から欠陥や物体を検出するモデルの開発",
    },
    "nlp": {
        "did": ["built Urdu and English chatbots", "trained text classifiers for customer tickets"],
        "track": "ai",
        "titles": ["NLP Engineer", "LLM Application Engineer"],
        "titles_ja": ["自然言語処理エンジニア", "LLMアプリケーションエンジニア"],
        "pool": [
            ("nlp", "NLP", "自然言語処理"),
            ("llm", "LLM", "LLM"),
            ("hugging-face", "Hugging Face", "Hugging Face"),
            ("pytorch", "PyTorch", "PyTorch"),
            ("machine-learning", "machine learning", "機械学習"),
            ("python", "Python", "Python"),
        ],
        "duties": "fine-tune language models for search and chat assistants",
        "duties_ja": "検索・チャットアシスタント向け言語モデルのファインチューニング",
    },
    "mlops": {
        "did": [
            "automated model training and deployment",
            "maintained the data pipelines behind our forecasting models",
        ],
        "track": "ai",
        "titles": ["MLOps Engineer", "Machine Learning Platform Engineer"],
        "titles_ja": ["MLOpsエンジニア", "機械学習基盤エンジニア"],
        "pool": [
            ("mlflow", "MLflow", "MLflow"),
            ("machine-learning", "machine learning", "機械学習"),
            ("scikit-learn", "scikit-learn", "scikit-learn"),
            ("airflow", "Airflow", "Airflow"),
            ("pandas", "pandas", "pandas"),
            ("feature-engineering", "feature engineering", "特徴量エンジニアリング"),
            ("python", "Python", "Python"),
        ],
        "duties": "run training pipelines and serve models in production",
        "duties_ja": "学習パイプラインの運用と本番環境でのモデル提供",
    },
    "backend": {
        "did": ["wrote server code for a fintech app", "built APIs for an online marketplace"],
        "track": "programming",
        "titles": ["Backend Engineer (Python)", "Python Web Developer"],
        "titles_ja": ["バックエンドエンジニア（Python）", "Pythonウェブ開発者"],
        "pool": [
            ("python", "Python", "Python"),
            ("django", "Django", "Django"),
            ("fastapi", "FastAPI", "FastAPI"),
            ("postgresql", "PostgreSQL", "PostgreSQL"),
            ("rest-api", "REST API", "REST API"),
            ("redis", "Redis", "Redis"),
        ],
        "duties": "design and build web APIs for our booking service",
        "duties_ja": "予約サービスのWeb API設計・開発",
    },
    "frontend": {
        "did": ["built dashboards and landing pages", "made a web shop's checkout faster"],
        "track": "programming",
        "titles": ["Frontend Engineer", "React Developer"],
        "titles_ja": ["フロントエンドエンジニア", "Reactエンジニア"],
        "pool": [
            ("typescript", "TypeScript", "TypeScript"),
            ("react", "React", "React"),
            ("javascript", "JavaScript", "JavaScript"),
            ("nextjs", "Next.js", "Next.js"),
            ("css", "CSS", "CSS"),
            ("html", "HTML", "HTML"),
        ],
        "duties": "build the screens of our e-commerce site",
        "duties_ja": "ECサイトの画面開発",
    },
    "java": {
        "did": ["maintained a telecom billing platform", "wrote services for an insurance company"],
        "track": "programming",
        "titles": ["Java Developer", "Server-side Engineer (Java)"],
        "titles_ja": ["Javaエンジニア", "サーバーサイドエンジニア（Java）"],
        "pool": [
            ("java", "Java", "Java"),
            ("spring", "Spring Boot", "Spring Boot"),
            ("hibernate", "Hibernate", "Hibernate"),
            ("mysql", "MySQL", "MySQL"),
            ("microservices", "microservices", "マイクロサービス"),
            ("sql", "SQL", "SQL"),
        ],
        "duties": "develop the payment system of a large bank",
        "duties_ja": "大手銀行の決済システム開発",
    },
    "mobile": {
        "did": ["shipped apps to the Play Store and App Store", "built a ride-hailing app"],
        "track": "programming",
        "titles": ["Mobile App Developer", "Android Engineer"],
        "titles_ja": ["モバイルアプリエンジニア", "Androidエンジニア"],
        "pool": [
            ("kotlin", "Kotlin", "Kotlin"),
            ("android", "Android", "Android"),
            ("swift", "Swift", "Swift"),
            ("ios", "iOS", "iOS"),
            ("flutter", "Flutter", "Flutter"),
        ],
        "duties": "develop our consumer smartphone apps",
        "duties_ja": "一般向けスマートフォンアプリの開発",
    },
    "cg3d": {
        "did": ["made characters and props for animated series", "animated game cinematics"],
        "track": "animation",
        "titles": ["3D Animator", "3DCG Artist"],
        "titles_ja": ["3Dアニメーター", "3DCGデザイナー"],
        "pool": [
            ("maya", "Maya", "Maya"),
            ("blender", "Blender", "Blender"),
            ("rigging", "rigging", "リギング"),
            ("3d-animation", "3D animation", "3Dアニメーション"),
            ("zbrush", "ZBrush", "ZBrush"),
        ],
        "duties": "model and animate characters for TV anime",
        "duties_ja": "TVアニメのキャラクターモデリングとアニメーション",
    },
    "game": {
        "did": [
            "made casual games played by millions",
            "programmed combat and physics for a racing game",
        ],
        "track": "animation",
        "titles": ["Game Developer (Unity)", "Game Engine Programmer"],
        "titles_ja": ["ゲーム開発エンジニア（Unity）", "ゲームエンジンプログラマー"],
        "pool": [
            ("unity", "Unity", "Unity"),
            ("csharp", "C#", "C#"),
            ("unreal-engine", "Unreal Engine", "Unreal Engine"),
            ("shaders", "shaders", "シェーダー"),
            ("game-design", "level design", "レベルデザイン"),
        ],
        "duties": "build gameplay systems for mobile and console games",
        "duties_ja": "モバイル・コンソールゲームのゲームプレイ開発",
    },
    "comp": {
        "did": ["did compositing for commercials", "animated and finished 2D cartoon episodes"],
        "track": "animation",
        "titles": ["Compositor", "2D Animator"],
        "titles_ja": ["コンポジター", "2Dアニメーター"],
        "pool": [
            ("after-effects", "After Effects", "After Effects"),
            ("nuke", "Nuke", "Nuke"),
            ("compositing", "compositing", "コンポジット"),
            ("2d-animation", "2D animation", "2Dアニメーション"),
            ("toon-boom", "Toon Boom", "Toon Boom"),
        ],
        "duties": "composite and finish anime episodes",
        "duties_ja": "アニメ作品の撮影・コンポジット仕上げ",
    },
    "aws": {
        "did": ["moved company servers to the cloud", "ran cloud infrastructure for SaaS products"],
        "track": "cloud",
        "titles": ["AWS Cloud Engineer", "Cloud Infrastructure Engineer"],
        "titles_ja": ["AWSクラウドエンジニア", "クラウドインフラエンジニア"],
        "pool": [
            ("aws", "AWS", "AWS"),
            ("ec2", "EC2", "EC2"),
            ("aws-lambda", "Lambda", "Lambda"),
            ("cloudformation", "CloudFormation", "CloudFormation"),
            ("terraform", "Terraform", "Terraform"),
            ("linux", "Linux", "Linux"),
        ],
        "duties": "design and operate our AWS environment",
        "duties_ja": "AWS環境の設計・構築・運用",
    },
    "k8s": {
        "did": [
            "ran production clusters and on-call",
            "built deployment pipelines for microservices",
        ],
        "track": "cloud",
        "titles": ["Site Reliability Engineer", "DevOps Engineer (Kubernetes)"],
        "titles_ja": ["SREエンジニア", "DevOpsエンジニア（Kubernetes）"],
        "pool": [
            ("kubernetes", "Kubernetes", "Kubernetes"),
            ("docker", "Docker", "Docker"),
            ("prometheus", "Prometheus", "Prometheus"),
            ("helm", "Helm", "Helm"),
            ("ci-cd", "CI/CD", "CI/CD"),
            ("linux", "Linux", "Linux"),
        ],
        "duties": "keep our container platform reliable and automate releases",
        "duties_ja": "コンテナ基盤の信頼性向上とリリース自動化",
    },
    "msgcp": {
        "did": [
            "managed Microsoft cloud tenants for enterprise clients",
            "built data warehouses on Google Cloud",
        ],
        "track": "cloud",
        "titles": ["Azure Cloud Engineer", "Multi-cloud Engineer (Azure/GCP)"],
        "titles_ja": ["Azureクラウドエンジニア", "マルチクラウドエンジニア（Azure/GCP）"],
        "pool": [
            ("azure", "Azure", "Azure"),
            ("gcp", "GCP", "GCP"),
            ("azure-devops", "Azure DevOps", "Azure DevOps"),
            ("bigquery", "BigQuery", "BigQuery"),
            ("ansible", "Ansible", "Ansible"),
        ],
        "duties": "migrate on-premise systems to Azure and GCP",
        "duties_ja": "オンプレミスシステムのAzure・GCPへの移行",
    },
}
ADJACENT = {
    frozenset(p)
    for p in (
        ("mlops", "backend"),
        ("mlops", "k8s"),
        ("backend", "aws"),
        ("backend", "k8s"),
        ("java", "aws"),
        ("game", "frontend"),
        ("cv", "game"),
        ("nlp", "backend"),
    )
}
GENERIC = [
    ("problem-solving", "problem solving", "問題解決能力"),
    ("communication", "communication", "コミュニケーション能力"),
]
PREFECTURES = [
    ("JP-13", "Tokyo", "東京都"),
    ("JP-27", "Osaka", "大阪府"),
    ("JP-40", "Fukuoka", "福岡県"),
]
CITIES = ["Lahore", "Karachi", "Islamabad", "Peshawar", "Faisalabad"]
FIRMS = ["Systems Ltd", "NetSol", "Arbisoft", "10Pearls", "a start-up", "Techlogix", "a studio"]


def jlpt_rank(level: str | None) -> int:
    return 0 if level is None else JLPT.index(level) + 1


def grade(job: dict, cand: dict) -> int:
    """The grade of a pair by RULES.md (latent attributes only)."""
    big, small = job["specialty"], cand["specialty"]
    if small == big:
        base = 3
    elif (
        SPECIALTIES[small]["track"] == SPECIALTIES[big]["track"]
        or frozenset((small, big)) in ADJACENT
    ):
        base = 1
    else:
        base = 0
    jlpt_gap = (
        max(0, jlpt_rank(job["jlpt_min"]) - jlpt_rank(cand["jlpt"])) if job["jlpt_min"] else 0
    )
    if base == 3:
        short = 0
        if cand["years"] < job["min_years"]:
            short += 2 if cand["years"] < job["min_years"] / 2 else 1
        short += min(2, jlpt_gap)
        return max(1, base - short)
    if base == 1 and jlpt_gap >= 2:
        return 0
    return base


def _skills_phrase(rng: random.Random, names: list[str]) -> str:
    lead = rng.choice(["Skills", "Tech stack", "Tools", "Technologies I use"])
    return f"{lead}: {', '.join(names)}."


def make_job(spec_no: int, spec: dict, lang: str, rng_text: random.Random) -> dict:
    sp = SPECIALTIES[spec["specialty"]]
    by_id = {sid: (en, ja) for sid, en, ja in sp["pool"] + GENERIC}
    must, nice, years = spec["must"], spec["nice"], spec["min_years"]
    name = (lambda s: by_id[s][1]) if lang == "ja" else (lambda s: by_id[s][0])
    pref = PREFECTURES[spec_no % len(PREFECTURES)]
    lo, hi = spec["salary"]
    if lang == "en":
        title = sp["titles"][spec_no % 2]
        lines = [
            f"{title} — {pref[1]}",
            f"We are looking for a {title.lower()} to {sp['duties']}.",
            "Must have: "
            + ", ".join(
                f"{name(s)} ({years}+ years)" if i == 0 and years else name(s)
                for i, s in enumerate(must)
            )
            + ".",
        ]
        if nice:
            lines.append("Nice to have: " + ", ".join(name(s) for s in nice) + ".")
        lines.append(
            f"Japanese: JLPT {spec['jlpt_min']} or above."
            if spec["jlpt_min"]
            else "Japanese: not required; English is our working language."
        )
        lines.append(f"Salary: {lo // 10000:,}-{hi // 10000:,} man-yen per year. {spec['style']}.")
    else:
        title = sp["titles_ja"][spec_no % 2]
        lines = [
            f"【募集職種】{title}（{pref[2]}）",
            f"【仕事内容】{sp['duties_ja']}をお任せします。",
            "【必須スキル】"
            + "、".join(
                f"{name(s)}（{years}年以上）" if i == 0 and years else name(s)
                for i, s in enumerate(must)
            ),
        ]
        if nice:
            lines.append("【歓迎スキル】" + "、".join(name(s) for s in nice))
        lines.append(
            f"【日本語】日本語能力試験{spec['jlpt_min']}以上"
            if spec["jlpt_min"]
            else "【日本語】不問（社内公用語は英語）"
        )
        style_ja = {"onsite": "出社", "hybrid": "ハイブリッド", "remote": "フルリモート"}
        lines.append(
            f"【年収】{lo // 10000}万円〜{hi // 10000}万円　【勤務形態】{style_ja[spec['style']]}"
        )
    return {
        "job_id": spec_no * 2 + (1 if lang == "ja" else 0) + 1,
        "spec": spec_no,
        "split": "dev" if spec_no % 2 == 0 else "test",
        "language": lang,
        "specialty": spec["specialty"],
        "must": [[s, years if i == 0 else 0] for i, s in enumerate(must)],
        "nice": nice,
        "min_years": years,
        "jlpt_min": spec["jlpt_min"],
        "salary_min": lo,
        "salary_max": hi,
        "work_style": spec["style"],
        "text": "\n".join(lines),
    }


def make_specs(rng: random.Random) -> list[dict]:
    specs = []
    names = list(SPECIALTIES)
    for i in range(24):
        key = names[i % len(names)]
        pool = [sid for sid, _, _ in SPECIALTIES[key]["pool"]]
        rng.shuffle(pool)
        n_must = rng.randint(2, min(5, len(pool) - 1))
        must = pool[:n_must]
        if rng.random() < 0.35:
            must.append(rng.choice(GENERIC)[0])
        nice = pool[n_must : n_must + rng.randint(0, 2)]
        lo = rng.choice([4_000_000, 5_000_000, 6_000_000])
        specs.append(
            {
                "specialty": key,
                "must": must,
                "nice": nice,
                "min_years": rng.choice([0, 2, 3, 5]),
                "jlpt_min": rng.choice([None, None, "N4", "N3", "N2"]),
                "salary": (lo, lo + rng.choice([2_000_000, 3_000_000])),
                "style": rng.choice(["onsite", "hybrid", "remote"]),
            }
        )
    return specs


def make_candidate(cid: int, rng: random.Random) -> dict:
    key = rng.choice(list(SPECIALTIES))
    sp = SPECIALTIES[key]
    years = rng.choice([0, 1, 1, 2, 3, 3, 4, 5, 6, 8, 10, 12])
    jlpt = rng.choice([None, None, None, "N5", "N4", "N3", "N2", "N1"])
    pool = list(sp["pool"])
    rng.shuffle(pool)
    held = pool[: rng.randint(2, len(pool) - 1)]
    side = None
    if rng.random() < 0.3:
        other = rng.choice([k for k in SPECIALTIES if k != key])
        side = rng.choice(SPECIALTIES[other]["pool"])
    title = rng.choice(sp["titles"])
    seniority = "Junior " if years < 2 else ("Senior " if years >= 6 else "")
    firm = rng.choice(FIRMS)
    parts = [
        f"{seniority}{title}".strip(),
        f"{rng.choice(CITIES)}, Pakistan.",
        (
            f"Fresh graduate; final-year project: {rng.choice(sp['did'])}."
            if years == 0
            else f"{years} years of experience. At {firm} I {rng.choice(sp['did'])}."
        ),
    ]
    names = []
    for i, (_sid, en, _ja) in enumerate(held):
        if years and i == 0:
            names.append(f"{en} ({max(1, years - rng.randint(0, 1))} years)")
        else:
            names.append(en)
    parts.append(_skills_phrase(rng, names))
    if side is not None:
        parts.append(f"Side project with {side[1]}.")
    if rng.random() < 0.5:
        parts.append(rng.choice(["Strong problem solving.", "Good communication and teamwork."]))
    if rng.random() < 0.2:
        held_ja = "、".join(ja for _s, _e, ja in held[:3])
        parts.append(f"自己PR：{held_ja}を使った開発経験があります。日本で働きたいです。")
    return {
        "candidate_id": cid,
        "specialty": key,
        "years": years,
        "jlpt": jlpt,
        "jlpt_verified": bool(jlpt) and rng.random() < 0.5,
        "english": rng.choice([None, "conversational", "business", "fluent"]),
        "degree": rng.choice([None, "bachelor", "bachelor", "master"]),
        "salary_expectation": rng.choice([None, 4_500_000, 5_500_000, 7_000_000, 9_000_000]),
        "available_from": rng.choice([None, "2027-01-01", "2027-04-01", "2027-09-01"]),
        "relocate": rng.random() < 0.8,
        "text": " ".join(parts),
    }


def main() -> None:
    rng = random.Random(SEED)
    specs = make_specs(rng)
    jobs = []
    for i, spec in enumerate(specs):
        for lang in ("en", "ja"):
            jobs.append(make_job(i, spec, lang, rng))
    cands = [make_candidate(1000 + i, rng) for i in range(240)]
    grades = {str(j["job_id"]): {str(c["candidate_id"]): grade(j, c) for c in cands} for j in jobs}
    for name, data in (("jobs", jobs), ("candidates", cands), ("grades", grades)):
        (HERE / f"{name}.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    counts = [0, 0, 0, 0]
    for per_job in grades.values():
        for g in per_job.values():
            counts[g] += 1
    print(
        f"jobs {len(jobs)} (ja {sum(j['language'] == 'ja' for j in jobs)}), candidates {len(cands)}"
    )
    print(f"grades 0/1/2/3: {counts}")
    print(json.dumps({"jobs": len(jobs), "candidates": len(cands), "grades": counts}))


if __name__ == "__main__":
    main()
