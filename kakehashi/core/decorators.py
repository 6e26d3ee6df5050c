from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404


def role_required(role: str):
    """Only signed-in people of this role; others get 404 (no hint that the page exists)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.role != role:
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def duty_required(duty: str):
    """Only ministry officers whose sub-role includes ``duty`` (accounts.FACILITATOR_DUTIES);
    everyone else gets 404."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_duty(duty):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
