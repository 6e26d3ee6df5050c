"""Which residence statuses are open for an applicant and an offer: :func:`visa_routes`.

Each ``*_assess`` function decides one route from the rules data and says why, with the
blocking reasons, non-blocking notes, the sources used and the weakest tag among them.
"""

from __future__ import annotations

from engine.levels import degree_rank, jlpt_meets
from engine.visa.model import Msg, RouteAssessment, VisaApplicant, VisaOffer, msg
from engine.visa.points import applicant_age, hsp_points, years_text
from engine.visa.rules import VisaRules, visa_rules, weakest_tag

ROUTES = ("engineer_humanities_intl", "hsp_ib", "ssw_i", "intra_company_transferee")


def _equal_pay(offer: VisaOffer, blocking: list[Msg], notes: list[Msg]) -> None:
    """Pay at least equal to a Japanese employee's: False blocks, None asks to confirm."""
    if offer.pay_at_least_japanese_equivalent is False:
        blocking.append(msg("route.block.pay_below_japanese"))
    elif offer.pay_at_least_japanese_equivalent is None:
        notes.append(msg("route.note.confirm_equal_pay"))


def has_degree_for_engineer(applicant: VisaApplicant, rules: VisaRules) -> bool:
    """A degree of at least the required level (bachelor's) or a Japanese 専門士."""
    required = degree_rank(rules.engineer.min_degree)
    return degree_rank(applicant.highest_degree) >= required or applicant.japanese_senmonshi


def engineer_assess(
    applicant: VisaApplicant, offer: VisaOffer, rules: VisaRules
) -> RouteAssessment:
    """Engineer / Specialist in Humanities / International Services (技術・人文知識・国際業務).

    Engineering and humanities duties: a degree related to the duties, or ≥10 years'
    experience, or (IT duties) a pass in an exam on the IT告示 list. International
    services: ≥3 years' experience, waived for graduates who translate, interpret or teach
    languages. In every case pay at least equal to a Japanese employee's."""
    eng = rules.engineer
    duty = rules.duty(offer.duties)
    blocking: list[Msg] = []
    notes: list[Msg] = []
    has_degree = has_degree_for_engineer(applicant, rules)
    years = applicant.experience_years
    if duty.family is None:
        blocking.append(msg("route.block.duties_out_of_scope", duties=msg(f"duties.{duty.id}")))
    elif duty.family == "international_services":
        need = eng.international_services_experience_years
        if duty.graduate_waiver and has_degree:
            notes.append(msg("eng.ok.graduate_waiver"))
        elif years >= need:
            notes.append(msg("eng.ok.intl_experience", years=years_text(years)))
        else:
            blocking.append(
                msg(
                    "eng.block.intl_experience",
                    need_years=years_text(need),
                    years=years_text(years),
                )
            )
    elif has_degree and offer.degree_related_to_duties:
        notes.append(msg("eng.ok.degree"))
    elif years >= eng.experience_years:
        notes.append(msg("eng.ok.experience", years=years_text(years)))
    elif duty.it and applicant.it_exam_passes >= 1:
        notes.append(msg("eng.ok.it_exam"))
    else:
        block_id = "eng.block.no_basis_it" if duty.it else "eng.block.no_basis"
        blocking.append(
            msg(block_id, need_years=years_text(eng.experience_years), years=years_text(years))
        )
        if has_degree:
            blocking.append(msg("eng.block.degree_unrelated"))
    if duty.it and applicant.nationality not in eng.it_notice_countries:
        notes.append(msg("eng.note.it_notice_pakistan"))
    _equal_pay(offer, blocking, notes)
    if offer.employer_category is not None:
        doc_note = (
            "eng.note.fewer_documents"
            if offer.employer_category in eng.fewer_documents_categories
            else "eng.note.full_documents"
        )
        notes.append(msg(doc_note, category=offer.employer_category))
    return RouteAssessment(
        route="engineer_humanities_intl",
        name=msg("route.engineer_humanities_intl"),
        eligible=not blocking,
        blocking=tuple(blocking),
        notes=tuple(notes),
        sources=eng.sources,
        tag=eng.tag,
    )


def hsp_assess(applicant: VisaApplicant, offer: VisaOffer, rules: VisaRules) -> RouteAssessment:
    """Highly Skilled Professional (i)(b): salary ≥ the floor, points ≥ 70, and duties of
    the advanced specialised/technical kind (the same families as 技人国). Notes carry
    the points notes, the permanent-residence fast track and, where it applies, J-Skip."""
    result = hsp_points(applicant, offer, rules=rules)
    duty = rules.duty(offer.duties)
    blocking: list[Msg] = []
    notes: list[Msg] = list(result.notes)
    if duty.family is None:
        blocking.append(msg("route.block.duties_out_of_scope", duties=msg(f"duties.{duty.id}")))
    if not result.salary_floor_met:
        blocking.append(
            msg(
                "hsp.block.below_floor",
                salary_yen=offer.annual_salary_yen,
                floor_yen=result.salary_floor_yen,
            )
        )
    if result.total < result.pass_points:
        blocking.append(
            msg(
                "hsp.block.points_short",
                points=result.total,
                needed=result.pass_points,
                short=result.pass_points - result.total,
            )
        )
    notes.append(result.permanent_residence)
    js = rules.j_skip
    tag = rules.hsp.tag
    sources = rules.hsp.sources
    qualifies_j_skip = offer.annual_salary_yen >= js.salary_yen and (
        degree_rank(applicant.highest_degree) >= degree_rank(js.min_degree)
        or applicant.experience_years >= js.or_experience_years
    )
    if qualifies_j_skip:
        notes.append(msg("hsp.note.j_skip", salary_yen=js.salary_yen))
        sources = sources + js.sources
    tags = [tag] + [line.tag for line in result.lines]
    return RouteAssessment(
        route="hsp_ib",
        name=msg("route.hsp_ib"),
        eligible=not blocking,
        blocking=tuple(blocking),
        notes=tuple(notes),
        sources=sources,
        tag=weakest_tag(*tags),
        points=result.total,
    )


def ssw_assess(applicant: VisaApplicant, offer: VisaOffer, rules: VisaRules) -> RouteAssessment:
    """Specified Skilled Worker (i): only for a job in one of its listed fields, with the
    field's skill test and JFT-Basic ≥200 or JLPT N4 or above. IT is not a listed field."""
    ssw = rules.ssw
    blocking: list[Msg] = []
    notes: list[Msg] = []
    field = offer.ssw_field
    if field is None:
        it_job = rules.duty(offer.duties).it
        blocking.append(msg("ssw.block.no_field_it" if it_job else "ssw.block.no_field"))
    elif field not in ssw.fields:
        blocking.append(msg("ssw.block.field_not_listed", field=field))
    else:
        field_name = msg(f"ssw.field.{field}")
        if field not in applicant.ssw_skill_tests:
            blocking.append(msg("ssw.block.skill_test", field=field_name))
        jft_ok = (
            applicant.jft_basic_score is not None
            and applicant.jft_basic_score >= ssw.jft_basic_pass_score
        )
        if not jft_ok and not jlpt_meets(applicant.jlpt, ssw.jlpt_min):
            blocking.append(
                msg("ssw.block.language", score=ssw.jft_basic_pass_score, jlpt=ssw.jlpt_min)
            )
        if field in ssw.extra_tests:
            notes.append(msg(ssw.extra_tests[field]))
        age = applicant_age(applicant)
        if age is not None and age < ssw.min_age:
            blocking.append(msg("ssw.block.age", min_age=ssw.min_age))
        notes.append(msg("ssw.note.max_years", years=ssw.max_total_years))
    return RouteAssessment(
        route="ssw_i",
        name=msg("route.ssw_i"),
        eligible=not blocking,
        blocking=tuple(blocking),
        notes=tuple(notes),
        sources=ssw.sources,
        tag=ssw.tag,
    )


def intra_company_assess(
    applicant: VisaApplicant, offer: VisaOffer, rules: VisaRules
) -> RouteAssessment:
    """Intra-company Transferee: ≥1 year just before the transfer at an office abroad of
    the same group, duties within 技人国's scope, pay equal to a Japanese employee's."""
    ict = rules.intra_company
    blocking: list[Msg] = []
    notes: list[Msg] = []
    if not offer.same_group_as_overseas_employer:
        blocking.append(msg("ict.block.not_same_group"))
    elif applicant.years_at_overseas_group_office < ict.min_years_at_group_office:
        blocking.append(
            msg(
                "ict.block.too_short",
                years=years_text(applicant.years_at_overseas_group_office),
                need_years=years_text(ict.min_years_at_group_office),
            )
        )
    if rules.duty(offer.duties).family not in ict.duty_families:
        blocking.append(msg("ict.block.duties", duties=msg(f"duties.{offer.duties}")))
    _equal_pay(offer, blocking, notes)
    return RouteAssessment(
        route="intra_company_transferee",
        name=msg("route.intra_company_transferee"),
        eligible=not blocking,
        blocking=tuple(blocking),
        notes=tuple(notes),
        sources=ict.sources,
        tag=ict.tag,
    )


def visa_routes(
    applicant: VisaApplicant, offer: VisaOffer, *, rules: VisaRules | None = None
) -> list[RouteAssessment]:
    """Assess every route for ``applicant`` × ``offer``, in the order of :data:`ROUTES`:
    Engineer/Humanities/International Services, HSP (i)(b), Specified Skilled Worker (i),
    Intra-company Transferee. Each says eligible or not, why, and from which sources."""
    rules = rules or visa_rules()
    return [
        engineer_assess(applicant, offer, rules),
        hsp_assess(applicant, offer, rules),
        ssw_assess(applicant, offer, rules),
        intra_company_assess(applicant, offer, rules),
    ]


def eligible_routes(
    applicant: VisaApplicant, offer: VisaOffer, *, rules: VisaRules | None = None
) -> tuple[str, ...]:
    """Ids of the open routes, in :data:`ROUTES` order."""
    return tuple(r.route for r in visa_routes(applicant, offer, rules=rules) if r.eligible)
