"""gunicorn settings: `gunicorn --config python:api.gunicorn_config wsgi:app`.

Each worker warms its indexes up before it accepts requests (set WARM_UP=0 to skip).
"""

import logging
import os

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))  # a cold 1,000-item bulk push needs more than 30 s


def post_worker_init(worker):
    if os.environ.get("WARM_UP", "1") == "0":
        return
    from api.warmup import warm_up

    try:
        seconds = warm_up(worker.wsgi)
        worker.log.info("worker %s warmed up its indexes in %.1f s", worker.pid, seconds)
    except Exception:  # a failed warm-up must not take the worker down: requests build lazily instead
        logging.getLogger(__name__).exception("warm-up failed; indexes will be built on first use")
