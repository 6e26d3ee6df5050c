import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from kakehashi.audit.models import AuditEvent
from kakehashi.core.errors import ApplicationError
from kakehashi.missions.services import (
    mission_create,
    mission_employer_add,
    mission_leg_add,
    mission_panel_add,
)


def test_an_organiser_creates_a_mission_and_it_is_audited(nadia):
    mission = mission_create(actor=nadia, fields={"name": "Lahore, March 2027"})
    assert mission.organiser == nadia
    assert AuditEvent.objects.filter(action="mission.created", object_id=str(mission.pk)).exists()


@pytest.mark.parametrize("who", ["imran", "farhan", "tanaka"])
def test_other_sub_roles_and_companies_cannot_create_missions(request, who):
    with pytest.raises(PermissionDenied):
        mission_create(actor=request.getfixturevalue(who), fields={"name": "M"})


def test_a_panel_takes_only_members_of_its_company_on_the_missions_legs(
    nadia, sakura, tanaka, yamada
):
    mission = mission_create(actor=nadia, fields={"name": "M"})
    mission_employer_add(mission=mission, actor=nadia, employer=sakura)
    leg = mission_leg_add(
        mission=mission,
        actor=nadia,
        rooms=[("A", 4)],
        fields={
            "city": "lahore",
            "start_date": dt.date(2027, 3, 1),
            "end_date": dt.date(2027, 3, 1),
            "venue_name": "V",
        },
    )
    kwargs = {"mission": mission, "actor": nadia, "employer": sakura, "name": "P"}
    with pytest.raises(ApplicationError, match="not a member"):
        mission_panel_add(**kwargs, interviewers=[yamada], legs=[leg], needs_interpreter=False)
    panel = mission_panel_add(**kwargs, interviewers=[tanaka], legs=[leg], needs_interpreter=False)
    assert list(panel.interviewers.all()) == [tanaka] and list(panel.legs.all()) == [leg]
