"""mitmproxy addon for the tests: requests to the `*.test` names in DXTRA_MAP go to the sandbox
on loopback instead (nothing leaves the machine; with connection_strategy=lazy mitmproxy never
resolves them), and every request is logged to DXTRA_PROXY_LOG, one line each, so a test can
see what went through the proxy.

DXTRA_MAP is "host=127.0.0.1:port,host=127.0.0.1:port".
"""

import os

from mitmproxy import http

MAP = {}
for pair in filter(None, os.environ.get("DXTRA_MAP", "").split(",")):
    name, target = pair.split("=", 1)
    host, port = target.rsplit(":", 1)
    MAP[name.strip().lower()] = (host, int(port))

LOG = os.environ.get("DXTRA_PROXY_LOG")


def requestheaders(flow: http.HTTPFlow) -> None:
    name = flow.request.pretty_host.lower()
    if LOG:
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(f"{flow.request.method} {flow.request.scheme}://{name}{flow.request.path}\n")
    if name in MAP:
        host, port = MAP[name]
        flow.request.scheme = "http"
        flow.request.host = host
        flow.request.port = port
    elif name.endswith(".test"):
        flow.response = http.Response.make(502, b"unmapped .test name", {"content-type": "text/plain"})
