"""Django's own messages that our pages show and Django's Urdu catalogue leaves in English
(its password rules and password forms, the password-reset form's e-mail field). Named here so that `make messages` keeps them in our
catalogues, which Django reads before its own: translated there, they read in Urdu (and in
Japanese as Django has them). Never imported; the page sweep
(core/tests/test_browser_pages.py) finds the next one missing."""

from django.utils.translation import gettext_noop, ngettext_lazy

PASSWORD_RULES = (
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
)
PASSWORD_FORMS = (
    gettext_noop("Email"),  # the password-reset form's field
    gettext_noop("Password confirmation"),
    gettext_noop("New password confirmation"),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
)
