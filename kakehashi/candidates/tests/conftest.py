from kakehashi.core.tests.test_browser import browser, csp_refusals, page  # noqa: F401 - fixtures
