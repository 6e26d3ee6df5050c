"""What the codes of a personal-data access record mean, in the reader's language."""

from django.utils.translation import gettext_lazy as _

PURPOSE_LABELS = {
    "profile": _("Opened the full profile"),
    "applications": _("Listed among the people who applied"),
    "hire": _("Followed the hire (checklist, residence status)"),
    "offer": _("Made or read the job offer"),
    "interview": _("Arranged or opened an interview"),
    "messages": _("Read the messages about an application"),
    "cnic": _("Revealed the CNIC"),
    "cv": _("Downloaded the CV"),
    "certificate": _("Opened a certificate scan"),
    "mission": _("Listed in a hiring mission's timetable"),
    "verification": _("Checked the documents"),
    "administration": _("Looked up in the administration site"),
}

FIELD_LABELS = {
    "name": _("name"),
    "email": _("e-mail"),
    "phone": _("phone"),
    "city": _("city"),
    "headline": _("headline"),
    "summary": _("summary"),
    "education": _("education"),
    "employment": _("work history"),
    "experience": _("experience"),
    "age": _("age"),
    "cnic": _("CNIC"),
    "cv": _("CV file"),
    "certificate_scan": _("certificate scan"),
    "certificates": _("certificates"),
    "hire_documents": _("hire documents"),
    "interview": _("interview time"),
    "account": _("account"),
}

VIEWER_LABELS = {
    "ministry:verifier": _("Ministry of IT & Telecom — verifier"),
    "ministry:mission_organiser": _("Ministry of IT & Telecom — mission organiser"),
    "ministry:analyst": _("Ministry of IT & Telecom — analyst"),
}


def viewer_label(kind: str, employer_name: str) -> str:
    if kind == "employer":
        return employer_name
    return str(VIEWER_LABELS.get(kind, _("Ministry of IT & Telecom")))
