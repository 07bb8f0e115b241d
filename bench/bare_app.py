"""The ceiling for bench/throughput.py: a bare Flask app with one JSON endpoint and nothing else
(no auth, no database, no schema), served by gunicorn with the same worker count as the service."""

from flask import Flask

app = Flask(__name__)


@app.get("/ping")
def ping():
    return {"status": "ok"}
