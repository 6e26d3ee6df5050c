"""A columnar, in-memory candidate index with exact, pruned top-k ranking.

Layout (one row per candidate; ``n_`` rows used, removed rows stay as tombstones until
:meth:`CandidateIndex.compact`):

- attribute arrays: experience (f32 years), jlpt/english/degree (i8 ranks), salary (f32 yen),
  relocate, consent, active (bool), available (i32 days since 1970, -1 none);
- skills as a sparse matrix kept twice, CSR (row -> skills, for explanations) and CSC
  (skill -> rows, for ranking), with years as values; rows changed after the last
  compaction live in a small delta and their base entries are masked ("stale");
- the profile texts' BM25 term weights, kept the same way (``engine.matching.lexical``);
- text embeddings quantised to int8 with one float32 scale per row.

A score is ``numerator / denominator``: the weighted sum of the components over the weighted
sum of the components whose datum the row has (unknown salary, date, English, degree, text
drop out). Ranking a job is exact and equals :func:`engine.matching.reference.rank_reference`:

1. the sparse components (skills, lexical) for every row, from CSC columns (other rows score
   0 there);
2. an upper bound per row: ``(sparse numerator + W) / (sparse denominator + W)`` with ``W``
   the sum of all other weights; every component is <= 1, so counting an unknown or any
   other component as a full match can only raise a weighted mean;
3. a seed of the best rows by that bound's numerator is scored in full, giving a threshold ``T``;
4. only rows whose bound reaches ``T`` are scored further, in chunks: attributes first, then
   the semantic dot product only where ``(partial + w) / (partial denominator + w)`` can still
   reach ``T``, in blocks of rows ordered by that bound, raising ``T`` after each block.

No row that could enter the top-k is ever skipped, so pruning changes time, not results.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from engine.levels import degree_rank, english_rank, jlpt_rank
from engine.matching.embed import embedder_default
from engine.matching.explain import Explanation, SkillMatch, explanation_sentences
from engine.matching.features import CandidateFeatures, JobRequirements
from engine.matching.lexical import LexicalModel, lexical_value
from engine.matching.params import ATTRIBUTES, COMPONENTS, SPARSE, MatchingParams, matching_params
from engine.matching.relations import RELATION_KINDS, Related, SkillRelations
from engine.matching.score import (
    CandidateRows,
    JobPlan,
    attribute_components,
    attribute_known,
    coverage,
    credit_value,
    day_number,
    eligible_by_levels,
    experience_fit,
    job_plan,
    normalised,
    quantise,
    semantic_fit,
    weighted_sum,
)
from engine.matching.specificity import SkillSpecificity
from engine.taxonomy import Taxonomy, taxonomy

F32 = npt.NDArray[np.float32]
I64 = npt.NDArray[np.int64]
# Float32 sums of non-negative terms may round up by a few ulps: bounds carry this margin.
BOUND_EPS = np.float32(1e-5)
#: row ids of a column: intp as built now, int32 in indexes saved before 2026-12-08
RowIds = npt.NDArray[np.signedinteger[Any]]
CHUNK = 65_536
BLOCK = 2_048  # rows per semantic block, best partial score first
INDEX_FORMAT = 2  # saved files: 2 added the BM25 matrices, JLPT verification and text length

_ATTRS: dict[str, Any] = {
    "ids": np.int64,
    "experience": np.float32,
    "jlpt": np.int8,
    "english": np.int8,
    "degree": np.int8,
    "salary": np.float32,
    "relocate": np.bool_,
    "available": np.int32,
    "jlpt_verified": np.bool_,
    "doclen": np.float32,  # tokens in the profile text (0: no text, lexical unknown)
    "consent": np.bool_,
    "active": np.bool_,
    "stale": np.bool_,
    "scale": np.float32,
}


@dataclass(frozen=True, slots=True)
class Match:
    """One ranked result: ids, total score in [0, 1], and (optionally) its explanation."""

    candidate_id: int
    job_id: int
    score: float
    explanation: Explanation | None = None


def _feature_row(f: CandidateFeatures) -> dict[str, Any]:
    return {
        "ids": f.candidate_id,
        "experience": f.experience_years,
        "jlpt": jlpt_rank(f.jlpt),
        "english": english_rank(f.english),
        "degree": degree_rank(f.degree_level),
        "salary": f.salary_expectation_jpy or 0,
        "relocate": f.willing_to_relocate,
        "available": day_number(f.available_from),
        "jlpt_verified": f.jlpt_verified and bool(f.jlpt),
        "consent": f.consent,
        "active": True,
    }


class CandidateIndex:
    """Candidates for ranking against jobs, in both directions.

    Parameters are stored as given; :meth:`fit` builds the arrays. ``embedder``: any
    :class:`engine.matching.embed.Embedder` (default: the product's, see ``embedder_default``).
    """

    def __init__(
        self,
        *,
        embedder: Any = None,
        params: MatchingParams | None = None,
        taxonomy_: Taxonomy | None = None,
        seed_size: int = 2048,
    ) -> None:
        self.embedder = embedder
        self.params = params
        self.taxonomy_ = taxonomy_
        self.seed_size = seed_size

    # --- building --------------------------------------------------------------------

    def _setup(self, dim: int, embedder_name: str) -> None:
        self.params_ = self.params or matching_params()
        self.relations_ = SkillRelations(self.taxonomy_ or taxonomy(), self.params_).fit()
        self.dim_ = dim
        self.embedder_name_ = embedder_name
        # row -> (columns, values) of rows changed since the last compaction, per matrix
        self.delta_: dict[int, tuple[npt.NDArray[np.int32], F32]] = {}
        self.lex_delta_: dict[int, tuple[npt.NDArray[np.int32], F32]] = {}
        self._delta_csc: dict[str, tuple[I64, npt.NDArray[np.intp], F32]] = {}
        self._plan_version: str | None = None

    def _embedder(self) -> Any:
        if self.embedder is None:
            self.embedder = embedder_default()
        return self.embedder

    def _embed(self, feats: Sequence[CandidateFeatures], embeddings: Any) -> F32:
        if embeddings is not None:
            out = np.asarray(embeddings, dtype=np.float32)
        else:
            out = self._embedder().encode([f.semantic_text or f.text for f in feats])
        if out.shape != (len(feats), self.dim_):
            raise ValueError(
                f"embeddings must have shape ({len(feats)}, {self.dim_}), not {out.shape}"
            )
        return out

    def _row_skills(self, f: CandidateFeatures) -> tuple[npt.NDArray[np.int32], F32]:
        best: dict[int, float] = {}
        for s in f.skills:
            col = self.relations_.col_.get(s.skill_id)
            if col is not None:
                best[col] = max(best.get(col, 0.0), float(s.years))
        cols = np.array(sorted(best), dtype=np.int32)
        return cols, np.array([best[c] for c in cols], dtype=np.float32)

    def fit(
        self,
        features: Sequence[CandidateFeatures],
        embeddings: npt.NDArray[np.floating] | None = None,
        *,
        lexical: LexicalModel | None = None,
    ) -> CandidateIndex:
        """Build the index from scratch. ``embeddings``: unit text vectors, one row per
        candidate, or None to encode each ``semantic_text`` (else ``text``) with the embedder.
        The BM25 statistics are fitted on these candidates' texts, unless ``lexical`` (an
        already fitted model, e.g. the one of the index this build replaces) is given."""
        emb = self._embedder()
        dim = int(embeddings.shape[1]) if embeddings is not None else int(emb.dim)
        name = str(getattr(emb, "name", "unknown"))
        self._setup(dim, name)
        n = len(features)
        ids = [f.candidate_id for f in features]
        if len(set(ids)) != n:
            raise ValueError("candidate ids must be unique")
        self.cols_ = {k: np.zeros(n, dtype=t) for k, t in _ATTRS.items()}
        for i, f in enumerate(features):
            for k, v in _feature_row(f).items():
                self.cols_[k][i] = v
        self.codes_, self.cols_["scale"] = quantise(self._embed(features, embeddings))
        self.lexical_ = lexical or LexicalModel(
            k1=self.params_.lexical_k1, b=self.params_.lexical_b
        ).fit([f.text for f in features])
        docs = [self.lexical_.document(f.text) for f in features]
        self.cols_["doclen"][:] = [d[2] for d in docs]
        self._set_base(*_stack([self._row_skills(f) for f in features]))
        self._set_lex_base(*_stack([(d[0], d[1]) for d in docs]))
        self.n_ = n
        self.row_of_ = {cid: i for i, cid in enumerate(ids)}
        return self

    def _set_base(self, indptr: I64, indices: npt.NDArray[np.int32], years: F32) -> None:
        self.csr_ = (indptr, indices, years)
        self.csc_ = _csc(indptr, indices, years, len(self.relations_.skill_ids_))
        self.n_base_ = len(indptr) - 1

    def _set_lex_base(self, indptr: I64, terms: npt.NDArray[np.int32], weights: F32) -> None:
        self.lex_csr_ = (indptr, terms, weights)
        self.lex_csc_ = _csc(indptr, terms, weights, len(self.lexical_.vocab_))

    # --- changes without a rebuild -------------------------------------------------------

    def _capacity(self) -> int:
        return len(self.cols_["ids"])

    def _grow(self, need: int) -> None:
        cap = self._capacity()
        if need <= cap:
            return
        new_cap = max(need, cap + cap // 4 + 1024)
        for k, arr in self.cols_.items():
            grown = np.zeros(new_cap, dtype=arr.dtype)
            grown[: self.n_] = arr[: self.n_]
            self.cols_[k] = grown
        codes = np.zeros((new_cap, self.dim_), dtype=np.int8)
        codes[: self.n_] = self.codes_[: self.n_]
        self.codes_ = codes

    def _write(self, row: int, f: CandidateFeatures, vector: F32) -> None:
        for k, v in _feature_row(f).items():
            self.cols_[k][row] = v
        codes, scale = quantise(vector.reshape(1, -1))
        self.codes_[row] = codes[0]
        self.cols_["scale"][row] = scale[0]
        self.cols_["stale"][row] = True
        self.delta_[row] = self._row_skills(f)
        terms, weights, length = self.lexical_.document(f.text)
        self.lex_delta_[row] = (terms, weights)
        self.cols_["doclen"][row] = length
        self._delta_csc = {}

    def add(
        self, features: CandidateFeatures, embedding: npt.NDArray[np.floating] | None = None
    ) -> None:
        """Add one candidate (ValueError if the id is already indexed)."""
        if features.candidate_id in self.row_of_:
            raise ValueError(f"candidate {features.candidate_id} is already indexed; use update()")
        vec = self._embed([features], None if embedding is None else np.reshape(embedding, (1, -1)))
        self._grow(self.n_ + 1)
        row = self.n_
        self.n_ += 1
        self.row_of_[features.candidate_id] = row
        self._write(row, features, vec[0])

    def update(
        self, features: CandidateFeatures, embedding: npt.NDArray[np.floating] | None = None
    ) -> None:
        """Replace one indexed candidate's data (KeyError if the id is not indexed)."""
        row = self.row_of_[features.candidate_id]
        vec = self._embed([features], None if embedding is None else np.reshape(embedding, (1, -1)))
        self._write(row, features, vec[0])

    def upsert(
        self, features: CandidateFeatures, embedding: npt.NDArray[np.floating] | None = None
    ) -> None:
        """Add or replace one candidate without ever calling the embedder. ``embedding``: the
        unit text vector, or None to keep the row's old vector (a new row then has none: its
        semantic component is unknown and drops out until :meth:`vector_set`)."""
        row = self.row_of_.get(features.candidate_id)
        if row is None:
            self._grow(self.n_ + 1)
            row = self.n_
            self.n_ += 1
            self.row_of_[features.candidate_id] = row
            self.codes_[row] = 0
            self.cols_["scale"][row] = 0
        scale = self.cols_["scale"][row]
        codes = self.codes_[row].copy()
        vec = None if embedding is None else self._embed([features], np.reshape(embedding, (1, -1)))
        self._write(row, features, np.zeros(self.dim_, np.float32) if vec is None else vec[0])
        if vec is None:
            self.codes_[row] = codes
            self.cols_["scale"][row] = scale

    def vector_set(self, candidate_id: int, embedding: npt.NDArray[np.floating]) -> None:
        """Replace one indexed candidate's text vector only (KeyError if not indexed)."""
        row = self.row_of_[candidate_id]
        codes, scale = quantise(np.asarray(embedding, np.float32).reshape(1, -1))
        if codes.shape[1] != self.dim_:
            raise ValueError(f"the vector has {codes.shape[1]} dimensions, not {self.dim_}")
        self.codes_[row] = codes[0]
        self.cols_["scale"][row] = scale[0]

    def remove(self, candidate_id: int) -> None:
        """Drop a candidate from every ranking (KeyError if not indexed)."""
        row = self.row_of_.pop(candidate_id)
        self.cols_["active"][row] = False
        self.delta_.pop(row, None)
        self.lex_delta_.pop(row, None)
        self.cols_["stale"][row] = True
        self._delta_csc = {}

    def __len__(self) -> int:
        return len(self.row_of_)

    def compact(self) -> CandidateIndex:
        """Fold the delta into the base matrices and drop removed rows (a rebuild of the
        sparse parts only; vectors and attributes are copied, never re-embedded; the BM25
        statistics stay those of the last :meth:`fit`)."""
        keep = np.flatnonzero(self.cols_["active"][: self.n_])
        parts = [self._skills_of_row(int(r)) for r in keep]
        lex = [self._lexical_of_row(int(r)) for r in keep]
        self.cols_ = {k: np.ascontiguousarray(v[keep]) for k, v in self.cols_.items()}
        self.cols_["stale"][:] = False
        self.codes_ = np.ascontiguousarray(self.codes_[keep])
        self._set_base(*_stack(parts))
        self._set_lex_base(*_stack(lex))
        self.delta_, self.lex_delta_ = {}, {}
        self._delta_csc = {}
        self.n_ = len(keep)
        self.row_of_ = {int(cid): i for i, cid in enumerate(self.cols_["ids"][: self.n_])}
        return self

    def _row_of(
        self, row: int, delta: Mapping[int, tuple[npt.NDArray[np.int32], F32]], csr: Any
    ) -> tuple[npt.NDArray[np.int32], F32]:
        if row in delta:
            return delta[row]
        if row < self.n_base_ and not self.cols_["stale"][row]:
            indptr, indices, values = csr
            lo, hi = int(indptr[row]), int(indptr[row + 1])
            return indices[lo:hi], values[lo:hi]
        return np.zeros(0, np.int32), np.zeros(0, np.float32)

    def _skills_of_row(self, row: int) -> tuple[npt.NDArray[np.int32], F32]:
        return self._row_of(row, self.delta_, self.csr_)

    def _lexical_of_row(self, row: int) -> tuple[npt.NDArray[np.int32], F32]:
        return self._row_of(row, self.lex_delta_, self.lex_csr_)

    # --- saving and memory-mapping --------------------------------------------------------

    _MATRICES = (
        "csr_indptr",
        "csr_indices",
        "csr_years",
        "csc_indptr",
        "csc_rows",
        "csc_years",
        "lex_csr_indptr",
        "lex_csr_terms",
        "lex_csr_weights",
        "lex_csc_indptr",
        "lex_csc_rows",
        "lex_csc_weights",
    )

    def save(self, directory: str | Path, *, headroom: int = 0) -> None:
        """Write the index as .npy files plus ``meta.json`` into ``directory`` (compacts first).
        ``headroom``: spare empty rows saved after the used ones, so that a memory-mapped copy
        takes that many :meth:`add` / :meth:`upsert` of new candidates by touching only their
        own pages (beyond them the arrays are copied into memory)."""
        self.compact()
        path = Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        cap = self.n_ + max(0, headroom)
        for k, arr in self.cols_.items():
            out = np.zeros(cap, dtype=arr.dtype)
            out[: self.n_] = arr[: self.n_]
            np.save(path / f"{k}.npy", out)
        codes = np.zeros((cap, self.dim_), dtype=np.int8)
        codes[: self.n_] = self.codes_[: self.n_]
        np.save(path / "codes.npy", codes)
        parts: tuple[npt.NDArray[Any], ...] = (
            *self.csr_,
            *self.csc_,
            *self.lex_csr_,
            *self.lex_csc_,
        )
        for name, part in zip(self._MATRICES, parts, strict=True):
            np.save(path / f"{name}.npy", part)
        np.save(path / "lex_idf.npy", self.lexical_.idf_)
        meta = {
            "format": INDEX_FORMAT,
            "rows": self.n_,
            "dim": self.dim_,
            "embedder": self.embedder_name_,
            "weights_version": self.params_.version,
            "taxonomy_version": self.relations_.taxonomy.version,
            "skill_ids": list(self.relations_.skill_ids_),
            "lexical_terms": self.lexical_.terms_,
            "lexical_avgdl": self.lexical_.avgdl_,
            "plan_version": self.plan_version(),
        }
        (path / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(
        cls, directory: str | Path, *, embedder: Any = None, mmap: bool = True
    ) -> CandidateIndex:
        """Open a saved index. With ``mmap`` the arrays are mapped copy-on-write: processes
        share the file's pages, and a process that changes rows gets private copies of the
        pages it touches (adds beyond the saved rows copy the arrays into memory).
        ValueError when the files are of another format, taxonomy or embedder: rebuild."""
        path = Path(directory)
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != INDEX_FORMAT:
            raise ValueError(
                f"the index has format {meta.get('format')}, not {INDEX_FORMAT}; rebuild it"
            )
        self = cls(embedder=embedder)
        self._setup(int(meta["dim"]), str(meta["embedder"]))
        if list(self.relations_.skill_ids_) != meta["skill_ids"]:
            raise ValueError("the index was built over another taxonomy; rebuild it")
        if embedder is not None and getattr(embedder, "name", None) != meta["embedder"]:
            raise ValueError(f"the index holds {meta['embedder']} vectors, not {embedder.name}")

        def arr(name: str) -> Any:
            # A plain ndarray view of the map: same shared pages, no np.memmap overhead.
            return np.asarray(np.load(path / f"{name}.npy", mmap_mode="c" if mmap else None))

        self.cols_ = {k: arr(k) for k in _ATTRS}
        self.codes_ = arr("codes")
        m = [arr(name) for name in self._MATRICES]
        self.csr_, self.csc_ = (m[0], m[1], m[2]), (m[3], m[4], m[5])
        self.lex_csr_, self.lex_csc_ = (m[6], m[7], m[8]), (m[9], m[10], m[11])
        self.lexical_ = LexicalModel.from_saved(
            terms=meta["lexical_terms"],
            idf=np.load(path / "lex_idf.npy"),
            avgdl=float(meta["lexical_avgdl"]),
            k1=self.params_.lexical_k1,
            b=self.params_.lexical_b,
        )
        self.n_ = self.n_base_ = int(meta["rows"])
        self.row_of_ = {int(cid): i for i, cid in enumerate(self.cols_["ids"][: self.n_].tolist())}
        return self

    def plan_version(self) -> str:
        """What a compiled job (:meth:`plan`) depends on in this index: weights, taxonomy,
        embedder and the BM25 statistics of the last :meth:`fit`. Adding, changing, removing
        candidates and :meth:`compact` leave it as it is, so plans cached under it stay
        valid until the next full build."""
        if self._plan_version is not None:
            return self._plan_version
        lex = self.lexical_
        digest = hashlib.blake2b(digest_size=8)
        digest.update(json.dumps([lex.terms_, lex.avgdl_], ensure_ascii=False).encode())
        digest.update(np.asarray(lex.idf_, np.float32).tobytes())
        self._plan_version = ":".join(
            [
                str(self.params_.version),
                str(self.relations_.taxonomy.version),
                self.embedder_name_,
                digest.hexdigest(),
            ]
        )
        return self._plan_version

    # --- ranking -----------------------------------------------------------------------

    def plan(
        self,
        job: JobRequirements,
        embedding: npt.NDArray[np.floating] | None = None,
        *,
        specificity: SkillSpecificity | None = None,
    ) -> JobPlan:
        """Compile a job; its text is embedded unless ``embedding`` (a unit vector) is given.
        ``specificity``: skill importances fitted on the open jobs (None: unfitted)."""
        if embedding is None and job.text.strip():
            embedding = self._embedder().encode([job.text])[0]
        return job_plan(
            job,
            relations=self.relations_,
            params=self.params_,
            embedding=embedding,
            embedder_name=self.embedder_name_,
            dim=self.dim_,
            lexical=self.lexical_,
            specificity=specificity,
        )

    def _columns(self, col: int, *, lexical: bool = False) -> Iterator[tuple[RowIds, F32]]:
        indptr, rows, values = self.lex_csc_ if lexical else self.csc_
        lo, hi = int(indptr[col]), int(indptr[col + 1])
        if hi > lo:
            r, y = rows[lo:hi], values[lo:hi]
            if not self._no_stale():
                keep = ~self.cols_["stale"][r]
                r, y = r[keep], y[keep]
            yield r, y
        delta = self.lex_delta_ if lexical else self.delta_
        if delta:
            key = "lexical" if lexical else "skills"
            if key not in self._delta_csc:
                width = len(self.lexical_.vocab_) if lexical else len(self.relations_.skill_ids_)
                self._delta_csc[key] = _delta_csc(delta, width)
            dptr, drows, dvalues = self._delta_csc[key]
            lo, hi = int(dptr[col]), int(dptr[col + 1])
            if hi > lo:
                yield drows[lo:hi], dvalues[lo:hi]

    def _no_stale(self) -> bool:
        return not self.delta_ and len(self.row_of_) == self.n_

    def skill_parts(self, plan: JobPlan) -> tuple[F32, F32, npt.NDArray[np.bool_]]:
        """(required coverage, preferred coverage, hard-skills ok) for every row."""
        n, floor = self.n_, self.params_.years_floor
        hard_ok = np.ones(n, dtype=bool)
        req: list[F32] = []
        for m in plan.must:
            hard = np.zeros(n, dtype=bool) if m.is_hard else None
            req.append(self._best_credit(m.related, m.min_years, floor, hard))
            if hard is not None:
                hard_ok &= hard
        nice = [self._best_credit(p.related, 0.0, floor, None) for p in plan.nice]
        return (
            coverage(req, [m.importance for m in plan.must], n, self.params_.coverage_cap_skills),
            coverage(nice, [p.importance for p in plan.nice], n, self.params_.coverage_cap_skills),
            hard_ok,
        )

    def lexical_part(self, plan: JobPlan) -> F32:
        """The lexical component for every row (0 for rows without text)."""
        total = np.zeros(self.n_, np.float32)
        touched = False
        for term, idf in zip(plan.lexical_terms.tolist(), plan.lexical_idf, strict=True):
            for rows, weights in self._columns(term, lexical=True):
                total[rows] += idf * weights
                touched = True
        if not touched and plan.lexical_inv > 0:
            return total  # lexical_value(0) is 0: no pass over the rows
        return lexical_value(total, plan.lexical_inv)

    def sparse_parts(self, plan: JobPlan) -> tuple[dict[str, F32], F32, F32, npt.NDArray[np.bool_]]:
        """(sparse component values, their weighted sum, the weighted sum of the known ones,
        hard-skills ok) for every row."""
        req, nice, hard_ok = self.skill_parts(plan)
        parts = {"skills_required": req, "skills_nice": nice, "lexical": self.lexical_part(plan)}
        # The known weights: both skill parts always, the lexical one where there is text
        # (``weighted_sum`` over 1, 1 and has-text, the same float32 sums in two passes).
        w = plan.weights
        skills = np.float32(w["skills_required"] + w["skills_nice"])
        has_text = self.cols_["doclen"][: self.n_] > 0
        known = w["lexical"] * has_text
        known += skills
        return parts, weighted_sum(plan, parts, SPARSE), known, hard_ok

    def hard_skill_masks(self, plan: JobPlan) -> list[npt.NDArray[np.bool_]]:
        """One mask per hard must-have skill of ``plan``, in its order: the rows holding the
        skill or a descendant with enough years (``skill_parts``' hard test, one skill at a
        time; their AND is its ``hard_ok``)."""
        n, floor = self.n_, self.params_.years_floor
        masks = []
        for m in plan.must:
            if m.is_hard:
                hard = np.zeros(n, dtype=bool)
                self._best_credit(m.related, m.min_years, floor, hard)
                masks.append(hard)
        return masks

    def rows_all(self) -> CandidateRows:
        """The level and attribute columns of every used row (for filters over the index)."""
        return self._rows(np.arange(self.n_))

    def _best_credit(
        self,
        related: Related,
        min_years: float,
        floor: float,
        hard: npt.NDArray[np.bool_] | None,
    ) -> F32:
        """Per row, the best credit any held related skill gives (0 when none); marks in
        ``hard`` the rows holding the skill or a descendant with enough years."""
        cur = np.zeros(self.n_, np.float32)
        if min_years <= 0:
            # Each column's credit is one constant: written in ascending order, the last
            # write of a row is its best, so no read of ``cur`` is needed.
            order = np.argsort(related.credit, kind="stable")
            for col, rel, kind in zip(
                related.cols[order], related.credit[order], related.kind[order], strict=True
            ):
                for rows, _years in self._columns(int(col)):
                    cur[rows] = rel
                    if hard is not None and kind <= 1:
                        hard[rows] = True
            return cur
        fresh = True  # nothing written yet: plain assignment is enough
        for col, rel, kind in zip(related.cols, related.credit, related.kind, strict=True):
            segments = list(self._columns(int(col)))  # base and delta rows are disjoint
            for rows, years in segments:
                value = credit_value(rel, years, min_years, floor)
                if fresh:
                    cur[rows] = value
                else:
                    np.maximum(value, cur[rows], out=value)
                    cur[rows] = value
                if hard is not None and kind <= 1:
                    hard[rows] |= years >= np.float32(min_years)
            fresh = fresh and not segments
        return cur

    def _rows(self, rows: npt.NDArray[np.intp]) -> CandidateRows:
        c = self.cols_
        return CandidateRows(
            experience=c["experience"][rows],
            jlpt=c["jlpt"][rows],
            english=c["english"][rows],
            degree=c["degree"][rows],
            salary=c["salary"][rows],
            relocate=c["relocate"][rows],
            available=c["available"][rows],
            jlpt_verified=c["jlpt_verified"][rows],
        )

    def _partial(
        self, plan: JobPlan, rows: npt.NDArray[np.intp], num: F32, den: F32
    ) -> tuple[F32, F32]:
        """Numerator and denominator over every component but the semantic one."""
        cand = self._rows(rows)
        parts = attribute_components(cand, plan, self.params_)
        known = attribute_known(cand)
        return (
            weighted_sum(plan, parts, ATTRIBUTES, start=num),
            weighted_sum(plan, known, ATTRIBUTES, start=den),
        )

    def _with_semantic(self, plan: JobPlan, rows: npt.NDArray[np.intp], num: F32, den: F32) -> F32:
        """Exact totals: the partial sums plus the weighted semantic component, normalised."""
        w_sem = plan.weights["semantic"]
        scale = self.cols_["scale"][rows]
        sem = semantic_fit(self.codes_[rows], scale, plan)
        known = (scale > 0).astype(np.float32)
        num = (num + w_sem * sem).astype(np.float32)
        den = (den + w_sem * known).astype(np.float32)
        return normalised(num, den)

    def _levels_bound(self, plan: JobPlan, num: F32, den: F32) -> F32:
        """An upper bound of every row's score from the sparse sums, experience exactly,
        Japanese bounded by the levels missing (none: 1, one: a step, more: two steps) and
        every other component a full, known match. Plain arithmetic over whole columns:
        a table lookup or ``np.where`` over 1M rows costs more than all the rest."""
        c, w, n = self.cols_, plan.weights, self.n_
        step = np.float32(self.params_.level_step["japanese"])
        w_exp, w_ja = np.float32(w["experience"]), np.float32(w["japanese"])
        other = np.float32(max(float(plan.rest_after_sparse) - float(w_exp) - float(w_ja), 0.0))
        top = w_exp * experience_fit(c["experience"][:n], plan)
        top += num
        top += other
        if plan.jlpt_rank > 0 and w_ja > 0:
            held, need = c["jlpt"][:n], np.int8(plan.jlpt_rank)
            top += w_ja * step * step
            top += (w_ja * (step - step * step)) * (held >= need - 1)
            top += (w_ja * (1 - step)) * (held >= need)
        else:
            top += w_ja
        top /= np.maximum(den + (w_exp + w_ja + other), np.float32(1e-30))
        return top

    def eligible(self, plan: JobPlan, hard_ok: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
        """Rows that pass every hard filter: indexed, consenting, hard skills and levels."""
        n = self.n_
        c = self.cols_
        ok = c["active"][:n] & c["consent"][:n] & hard_ok
        if (plan.jlpt_is_hard and plan.jlpt_rank) or (plan.degree_is_hard and plan.degree_rank):
            ok &= eligible_by_levels(self._rows(np.arange(n)), plan)
        out: npt.NDArray[np.bool_] = ok
        return out

    def top_candidates(
        self,
        job: JobRequirements | JobPlan,
        k: int = 50,
        *,
        explain: bool = True,
        features: Mapping[int, CandidateFeatures] | None = None,
    ) -> list[Match]:
        """The ``k`` best eligible candidates for a job, best first (ties: lower id first).

        ``features``: candidate id -> features, used only to add evidence to explanations.
        Pure: the index is not changed.
        """
        plan = job if isinstance(job, JobPlan) else self.plan(job)
        parts, num, den, hard_ok = self.sparse_parts(plan)
        ok = self.eligible(plan, hard_ok)
        n_ok = int(np.count_nonzero(ok))
        if n_ok == 0 or k <= 0:
            return []
        # An upper bound of each row's score: the sparse sums, experience and Japanese
        # (always known, the heaviest and cheapest attributes), every other component a
        # full match. Rows whose bound cannot reach the k-th score found are never scored.
        # Kept over all rows (ineligible ones at -inf): a gather of 1M eligible rows costs
        # more than the bound itself.
        bound = self._levels_bound(plan, num, den)
        bound[~ok] = -np.inf
        seed_n = min(n_ok, max(self.seed_size, 4 * k))
        seed = _seed_rows(bound, seed_n, k) if seed_n < n_ok else np.flatnonzero(ok)
        ids = self.cols_["ids"]
        seed_scores = self._with_semantic(
            plan, seed, *self._partial(plan, seed, num[seed], den[seed])
        )
        best_rows, best_scores = _top(seed, seed_scores, ids, k)
        threshold = np.float32(best_scores[-1]) if len(best_scores) >= k else np.float32(-np.inf)
        if seed_n < n_ok:
            # The seed holds at least 4k eligible rows, so the threshold is finite and the
            # ineligible rows (at -inf) never reach it.
            reach = bound + BOUND_EPS >= threshold
            reach[seed] = False  # the seed is scored already
            pool = np.flatnonzero(reach)
            w_sem = plan.weights["semantic"]
            rows_l, num_l, den_l, bound_l = [], [], [], []
            for start in range(0, len(pool), CHUNK):
                chunk = pool[start : start + CHUNK]
                p_num, p_den = self._partial(plan, chunk, num[chunk], den[chunk])
                p_bound = (p_num + w_sem) / np.maximum(p_den + w_sem, np.float32(1e-30))
                keep = p_bound + BOUND_EPS >= threshold
                rows_l.append(chunk[keep])
                num_l.append(p_num[keep])
                den_l.append(p_den[keep])
                bound_l.append(p_bound[keep])
            rows = np.concatenate(rows_l) if rows_l else np.zeros(0, np.intp)
            p_num = np.concatenate(num_l) if num_l else np.zeros(0, np.float32)
            p_den = np.concatenate(den_l) if den_l else np.zeros(0, np.float32)
            p_bound = np.concatenate(bound_l) if bound_l else np.zeros(0, np.float32)
            # Best bound first: the k-th score rises fast and the rest is cut off early.
            order = np.argsort(-p_bound, kind="stable")
            for start in range(0, len(order), BLOCK):
                block = order[start : start + BLOCK]
                if p_bound[block[0]] + BOUND_EPS < threshold:
                    break
                block = block[p_bound[block] + BOUND_EPS >= threshold]
                scores = self._with_semantic(plan, rows[block], p_num[block], p_den[block])
                best_rows, best_scores = _top(
                    np.concatenate([best_rows, rows[block]]),
                    np.concatenate([best_scores, scores]),
                    ids,
                    k,
                )
                if len(best_scores) >= k:
                    threshold = np.float32(best_scores[-1])
        if not explain:
            return [
                Match(int(ids[r]), plan.job_id, float(s))
                for r, s in zip(best_rows, best_scores, strict=True)
            ]
        return self._explained(plan, best_rows, best_scores, parts, features)

    def _explained(
        self,
        plan: JobPlan,
        rows: npt.NDArray[np.intp],
        scores: F32,
        sparse: Mapping[str, F32],
        features: Mapping[int, CandidateFeatures] | None,
    ) -> list[Match]:
        """Matches with explanations; components computed for all rows in one pass."""
        cand = self._rows(rows)
        parts = attribute_components(cand, plan, self.params_)
        known = attribute_known(cand)
        for name, values in sparse.items():
            parts[name] = values[rows]
        parts["semantic"] = semantic_fit(self.codes_[rows], self.cols_["scale"][rows], plan)
        known["lexical"] = (self.cols_["doclen"][rows] > 0).astype(np.float32)
        known["semantic"] = (self.cols_["scale"][rows] > 0).astype(np.float32)
        table = {k: v.tolist() for k, v in parts.items()}
        known_table = {k: v.tolist() for k, v in known.items()}
        out = []
        for i, (row, score) in enumerate(zip(rows.tolist(), scores.tolist(), strict=True)):
            cid = int(self.cols_["ids"][row])
            comps = {k: v[i] for k, v in table.items()}
            unknown = tuple(c for c in COMPONENTS if c in known_table and not known_table[c][i])
            cols, years = self._skills_of_row(row)
            held = dict(zip(cols.tolist(), years.tolist(), strict=True))
            evidence = _evidence(features.get(cid) if features else None)
            jlpt_source = _jlpt_source(int(cand.jlpt[i]), bool(cand.jlpt_verified[i]))
            explanation = skill_explanation(
                plan, comps, score, held, evidence, self, unknown=unknown, jlpt_source=jlpt_source
            )
            out.append(Match(cid, plan.job_id, score, explanation))
        return out


def skill_explanation(
    plan: JobPlan,
    comps: Mapping[str, float],
    score: float,
    held: Mapping[int, float],
    evidence: Mapping[str, str],
    index: CandidateIndex,
    *,
    unknown: tuple[str, ...] = (),
    jlpt_source: str = "",
) -> Explanation:
    """Build the explanation of one candidate x job from its component values and skills.

    ``unknown``: components whose datum the candidate lacks (they dropped out; the weights
    shown are renormalised over the others); ``jlpt_source``: "verified" | "declared" | ""."""
    floor = index.params_.years_floor
    ids = index.relations_.skill_ids_

    def best(related: Related, min_years: float, sid: str) -> SkillMatch | None:
        found: SkillMatch | None = None
        for col, (rel, kind) in related.lookup.items():
            if col not in held:
                continue
            years = held[col]
            factor = 1.0 if min_years <= 0 else floor + (1 - floor) * min(1.0, years / min_years)
            credit = rel * factor  # display value; the score uses the float32 arrays
            if found is None or credit > found.credit:
                hid = ids[col]
                kind_name = RELATION_KINDS[kind]
                found = SkillMatch(
                    sid, hid, kind_name, credit, years, min_years, evidence.get(hid, "")
                )
        return found

    matched, missing, nice_matched = [], [], []
    for m in plan.must:
        hit = best(m.related, m.min_years, m.skill_id)
        if hit is None:
            missing.append(m.skill_id)
        else:
            matched.append(hit)
    for p in plan.nice:
        hit = best(p.related, 0.0, p.skill_id)
        if hit is not None:
            nice_matched.append(hit)
    raw = {k: 0.0 if k in unknown else float(v) for k, v in plan.weights.items()}
    total = sum(raw.values()) or 1.0
    weights = {k: v / total for k, v in raw.items()}
    dropped = tuple(c for c in unknown if plan.weights[c] > 0)
    sentences = explanation_sentences(
        score, comps, weights, tuple(matched), tuple(missing), unknown=dropped
    )
    return Explanation(
        components=dict(comps),
        weights=weights,
        matched=tuple(matched),
        missing=tuple(missing),
        nice_matched=tuple(nice_matched),
        sentences=sentences,
        weights_version=index.params_.version,
        unknown=dropped,
        jlpt_source=jlpt_source,
    )


def _jlpt_source(rank: int, verified: bool) -> str:
    if rank <= 0:
        return ""
    return "verified" if verified else "declared"


def _evidence(f: CandidateFeatures | None) -> dict[str, str]:
    return {} if f is None else {s.skill_id: s.evidence for s in f.skills if s.evidence}


def _seed_rows(bound: F32, seed_n: int, k: int) -> npt.NDArray[np.intp]:
    """About ``seed_n`` positions of high ``bound``, scored first: their k-th score is what
    the rest is pruned against (any choice is exact; a better one prunes more). The cut is
    read from a strided sample of about 16 x ``seed_n`` values, not a partition of all of
    them (720k at 1M rows); rows tied at the cut fill the rest in row order. With too few
    or too many rows above it (a sample's miss), the exact partition decides. Rows at -inf
    (ineligible) are chosen only when fewer than ``seed_n`` others are left: callers pass
    more eligible rows than that."""
    n = len(bound)
    step = max(1, n // (16 * seed_n))
    sample = bound[::step]
    share = max(1, len(sample) * seed_n // n)
    cut = np.partition(sample, len(sample) - share)[len(sample) - share]
    above = np.flatnonzero(bound > cut)
    if len(above) <= 4 * seed_n:
        tied = np.flatnonzero(bound == cut)[: max(0, seed_n - len(above))]
        above = np.concatenate([above, tied])
        if len(above) >= 4 * k:
            return above
    out: npt.NDArray[np.intp] = np.argpartition(-bound, seed_n - 1)[:seed_n]
    return out


def _top(
    rows: npt.NDArray[np.intp], scores: F32, ids: I64, k: int
) -> tuple[npt.NDArray[np.intp], F32]:
    """The ``k`` best by score, then by lower candidate id."""
    if len(rows) > 4 * k:
        cut = np.partition(scores, len(scores) - k)[len(scores) - k]
        keep = scores >= cut
        rows, scores = rows[keep], scores[keep]
    order = np.lexsort((ids[rows], -scores))[:k]
    return rows[order], scores[order]


def _stack(
    rows: Sequence[tuple[npt.NDArray[np.int32], F32]],
) -> tuple[I64, npt.NDArray[np.int32], F32]:
    """Per-row (columns, values) -> CSR (row pointers, columns, values)."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(c) for c, _ in rows])
    cols = np.concatenate([c for c, _ in rows]) if rows else np.zeros(0, np.int32)
    values = np.concatenate([v for _, v in rows]) if rows else np.zeros(0, np.float32)
    return indptr, cols.astype(np.int32), values.astype(np.float32)


def _delta_csc(
    delta: Mapping[int, tuple[npt.NDArray[np.int32], F32]], n_cols: int
) -> tuple[I64, npt.NDArray[np.intp], F32]:
    """The delta rows as CSC with global row numbers."""
    rows = sorted(delta)
    indptr, cols, values = _stack([delta[r] for r in rows])
    dptr, local, dvalues = _csc(indptr, cols, values, n_cols)
    return dptr, np.asarray(rows, dtype=np.intp)[local], dvalues


def _csc(
    indptr: I64, indices: npt.NDArray[np.int32], values: F32, n_cols: int
) -> tuple[I64, npt.NDArray[np.intp], F32]:
    """CSR (row pointers, column ids, values) -> CSC (column pointers, row ids, values)."""
    n_rows = len(indptr) - 1
    # Row ids as intp: NumPy indexes with them as they are (int32 ids cost a conversion on
    # every scatter, three times the time of the scatter itself at 1M rows).
    row_of = np.repeat(np.arange(n_rows, dtype=np.intp), np.diff(indptr))
    order = np.argsort(indices, kind="stable")
    counts = np.bincount(indices, minlength=n_cols)
    colptr = np.zeros(n_cols + 1, dtype=np.int64)
    colptr[1:] = np.cumsum(counts)
    return colptr, row_of[order], values[order]
