from django.core.exceptions import PermissionDenied


class ApplicationError(Exception):
    """A business rule refused an action. ``message`` is for the person; ``field`` names the
    form field it belongs to, when there is one. Rendered the same way by every view."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class Refused(PermissionDenied):
    """A page its reader may not open yet, for a reason they may know (it is about their own
    company or application, never a hint about someone else's row). ``message`` says why,
    ``next_step`` what to do; ``link``/``link_text`` where to do it. ``core.views``'s 403 page
    shows them in the reader's language, at the address they asked for."""

    def __init__(self, message: str, *, next_step: str = "", link: str = "", link_text: str = ""):
        super().__init__(message)
        self.message = message
        self.next_step = next_step
        self.link = link
        self.link_text = link_text
