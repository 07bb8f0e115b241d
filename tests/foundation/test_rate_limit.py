"""The per-key rate limit (api/rate_limit.py): one budget per key across endpoints."""

from contextlib import contextmanager

import pytest

from api.rate_limit import rate_limiter


@contextmanager
def limit_of(app, per_minute: int):
    previous = app.config["RATE_LIMIT_PER_MINUTE"]
    app.config["RATE_LIMIT_PER_MINUTE"] = per_minute
    rate_limiter.clear()
    try:
        yield
    finally:
        app.config["RATE_LIMIT_PER_MINUTE"] = previous
        rate_limiter.clear()


def test_one_budget_per_key_across_endpoints_and_keys_are_independent(app, coach, other_coach):
    with limit_of(app, 4):
        assert coach.get("/api/v1/me").status_code == 200
        assert coach.get("/api/v1/candidates").status_code == 200
        assert coach.get("/api/v1/vacancies").status_code == 200
        assert coach.get("/api/v1/me").status_code == 200
        refused = coach.get("/api/v1/vacancies")
        assert refused.status_code == 429
        body = refused.get_json()
        assert body["code"] == 429 and body["status"] == "Too Many Requests" and "4 requests" in body["message"]
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        # Another key of another organisation has its own budget.
        assert other_coach.get("/api/v1/me").status_code == 200


def test_requests_without_a_key_are_not_counted(app, client, coach):
    with limit_of(app, 2):
        assert [client.get("/api/v1/health").status_code for _ in range(5)] == [200] * 5
        assert [coach.get("/api/v1/me").status_code for _ in range(2)] == [200, 200]
        assert coach.get("/api/v1/me").status_code == 429


def test_zero_disables_the_limit(app, coach):
    with limit_of(app, 0):
        assert {coach.get("/api/v1/me").status_code for _ in range(30)} == {200}


def test_an_unreachable_shared_store_counts_in_memory_instead_of_refusing():
    from api.rate_limit import KeyRateLimit, TooManyRequests

    class Unreachable:
        def hit(self, *args, **kwargs):
            raise ConnectionError("store down")

    limit = KeyRateLimit("memory://")
    limit.storage = object()  # stands for a redis:// store that stopped answering
    limit._limiters[id(limit.storage)] = Unreachable()
    limit.hit(2, "hash-a")
    limit.hit(2, "hash-a")  # counted in memory, while the store is skipped for a minute
    with pytest.raises(TooManyRequests) as refused:
        limit.hit(2, "hash-a")
    assert refused.value.limit == 2 and 1 <= refused.value.retry_after <= 60
