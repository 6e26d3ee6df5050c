from django.db.models import QuerySet

from kakehashi.api.models import ApiToken
from kakehashi.core.forms import row_id


def api_tokens_for_user(*, user) -> QuerySet[ApiToken]:
    """A person's own tokens (nobody sees another's)."""
    return ApiToken.objects.filter(user=user)


def api_token_get_for_user(*, token_id: str, user) -> ApiToken | None:
    """One of the person's own tokens, or None."""
    pk = row_id(token_id)
    return api_tokens_for_user(user=user).filter(pk=pk).first() if pk is not None else None
