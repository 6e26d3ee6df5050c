class ApplicationError(Exception):
    """A business rule refused an action. ``message`` is for the person; ``field`` names the
    form field it belongs to, when there is one. Rendered the same way by every view."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
