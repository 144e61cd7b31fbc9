"""A Dxtra client that handles tokens right, and the First Integration Guide's two operations.

Tokens: the PAT is exchanged for a JWT; the JWT is renewed shortly before it expires (with the
refresh token, which rotates; with the PAT when that is refused); a call refused for its token
(``invalid-jwt`` at HTTP 200, or a 401 from a proxy) signs in again once and is sent again. The
client never signs out: in Dxtra's auth service that would revoke the PAT itself.
Python 3.8 or later, standard library only.
"""
import http.client
import json
import re
import time
import urllib.error
import urllib.request
from typing import Any, Dict, List, Optional, Tuple

from .config import Config

_SOLUTIONS = {
    "invalid-pat": "Create a new API key in the dashboard and set DXTRA_PAT.",
    "unauthorized": "Re-authenticate with the PAT (401: the JWT expired or is invalid).",
    "forbidden": "Add the X-Hasura-Role: user header (403: missing or wrong role).",
    "foreign-key-violation": "Verify the data controller ID from the dashboard.",
}


def solution_for(kind: str) -> Optional[str]:
    """The guide's fix for an error kind, if it names one."""
    return _SOLUTIONS.get(kind)


class DxtraError(Exception):
    """A failure, named as in the guide's Common Errors where it is one of them.

    kind: invalid-pat, unauthorized, forbidden, foreign-key-violation, validation-failed, graphql,
    http or network; the message is the server's own words.
    """

    def __init__(self, kind: str, message: str, status: Optional[int] = None):
        super().__init__(message)
        self.kind = kind
        self.status = status


def _post(url: str, body: Dict[str, Any], headers: Optional[Dict[str, str]] = None) -> Tuple[int, Dict[str, Any]]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, text = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read()
    except (OSError, http.client.HTTPException) as error:  # refused, unresolved, timed out, cut off
        raise DxtraError("network", f"{url} did not answer: {getattr(error, 'reason', error)}") from None
    try:
        answer = json.loads(text)
    except ValueError:
        answer = {"message": text[:300].decode(errors="replace")}
    return status, answer if isinstance(answer, dict) else {}


class DxtraClient:
    def __init__(self, config: Config):
        self.config = config
        self.session: Optional[Dict[str, Any]] = None  # accessToken, refreshToken, expiresAt

    def sign_in(self) -> None:
        """Exchanges the PAT for a JWT."""
        status, answer = _post(self.config.signin_url, {"personalAccessToken": self.config.pat})
        session = answer.get("session") or {}
        if status != 200 or not session.get("accessToken"):
            kind = "invalid-pat" if status in (400, 401) else "http"
            raise DxtraError(kind, f"Sign-in failed (HTTP {status}): {answer.get('message') or answer.get('error')}", status)
        self._keep(session)

    def _keep(self, session: Dict[str, Any]) -> None:
        try:
            lifetime = min(max(1.0, float(session.get("accessTokenExpiresIn") or 900)), 86400.0)
        except (TypeError, ValueError):
            lifetime = 900.0
        margin = min(60.0, lifetime / 10)  # renew a little before expiry
        # Wall-clock time: it keeps counting while a laptop sleeps (a monotonic clock does not).
        self.session = {"accessToken": session["accessToken"], "refreshToken": session.get("refreshToken"),
                        "expiresAt": time.time() + lifetime - margin}

    def token(self) -> str:
        """A JWT that is not about to expire."""
        if self.session is None:
            self.sign_in()
        elif time.time() >= self.session["expiresAt"]:
            refresh = self.session.get("refreshToken")
            status, answer = _post(self.config.token_url, {"refreshToken": refresh}) if refresh else (0, {})
            if status == 200 and answer.get("accessToken"):
                self._keep(answer)  # the refresh token rotates
            else:
                self.sign_in()
        return self.session["accessToken"]

    def request(self, query: str, variables: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        """Runs one GraphQL operation and returns its ``data``."""
        for attempt in (0, 1):
            headers = {"Authorization": f"Bearer {self.token()}", "X-Hasura-Role": "user"}
            status, answer = _post(self.config.graphql_url, {"query": query, "variables": variables or {}}, headers)
            errors = answer.get("errors") if isinstance(answer.get("errors"), list) else []
            first = errors[0] if errors and isinstance(errors[0], dict) else {}
            code = (first.get("extensions") or {}).get("code")
            message = first.get("message") or answer.get("message") or f"HTTP {status}"
            if status == 401 or code == "invalid-jwt":
                if attempt == 0:
                    # Refused before anything ran: safe to send again, mutations too.
                    self.session = None
                    continue
                raise DxtraError("unauthorized", message, status)
            if status == 403 or code == "access-denied":
                raise DxtraError("forbidden", message, status)
            if errors:
                if code == "constraint-violation" and re.search("foreign key", message, re.I):
                    raise DxtraError("foreign-key-violation", message, status)
                raise DxtraError("validation-failed" if code == "validation-failed" else "graphql", message, status)
            if status != 200 or not isinstance(answer.get("data"), dict):
                raise DxtraError("http", f"HTTP {status}: {message}", status)
            return answer["data"]
        raise AssertionError("unreachable")

    def data_controllers(self) -> List[Dict[str, str]]:
        """The data controllers this account may use: id, title, did, createdAt."""
        return self.request("query { dataControllers { id title did createdAt } }").get("dataControllers") or []

    def create_data_subject(self, event: str, data_controller_id: str, payload: Dict[str, str]) -> Dict[str, str]:
        """Records a data subject (an event about a person): dataSubjectId, message."""
        data = self.request(
            "mutation CreateDataSubject($input: CreateDataSubjectInput!) "
            "{ createDataSubject(input: $input) { dataSubjectId message } }",
            {"input": {"event": event, "dataControllerId": data_controller_id, "payload": payload}},
        )
        return data["createDataSubject"]
