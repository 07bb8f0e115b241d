"""gunicorn settings: `gunicorn --config python:api.gunicorn_config wsgi:app`.

Each worker warms its indexes up before it accepts requests (set WARM_UP=0 to skip).

Workers are `gthread`: each worker process serves its requests from a few threads and keeps client
connections alive between requests (`keepalive` seconds), so a client or proxy that reuses its
connection does not pay a TCP handshake and a fresh accept per request (the `sync` worker closes the
connection after every response). The per-process caches are shared by the threads of a worker
(they lock while they build) and every thread keeps its own database connection.
Tunable: GUNICORN_THREADS (4), GUNICORN_KEEPALIVE (5 s), GUNICORN_TIMEOUT (120 s).

The access log (`--access-logfile -` in `make serve`) keeps gunicorn's default line; `AccessLogger`
writes it without building the ~80 atoms gunicorn prepares for every request (every request and
response header and WSGI variable) when the format needs nine of them.
"""

import logging
import os

from gunicorn import glogging
from gunicorn.config import AccessLogFormat

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))  # a cold 1,000-item bulk push needs more than 30 s
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))


class AccessLogger(glogging.Logger):
    """gunicorn's logger; for the default access-log format, the same line from only the atoms it uses."""

    def atoms(self, resp, req, environ, request_time):
        if self.cfg.access_log_format != AccessLogFormat.default:
            return super().atoms(resp, req, environ, request_time)
        status = resp.status
        if isinstance(status, str):
            status = status.split(None, 1)[0]
        sent = getattr(resp, "sent", None)
        return {
            "h": environ.get("REMOTE_ADDR", "-"),
            "l": "-",
            "u": self._get_user(environ) or "-",
            "t": self.now(),
            "r": f"{environ['REQUEST_METHOD']} {environ['RAW_URI']} {environ['SERVER_PROTOCOL']}",
            "s": status,
            "b": sent is not None and str(sent) or "-",
            "f": environ.get("HTTP_REFERER", "-"),
            "a": environ.get("HTTP_USER_AGENT", "-"),
        }


logger_class = AccessLogger


def post_worker_init(worker):
    if os.environ.get("WARM_UP", "1") == "0":
        return
    from api.warmup import warm_up

    try:
        seconds = warm_up(worker.wsgi)
        worker.log.info("worker %s warmed up its indexes in %.1f s", worker.pid, seconds)
    except Exception:  # a failed warm-up must not take the worker down: requests build lazily instead
        logging.getLogger(__name__).exception("warm-up failed; indexes will be built on first use")
