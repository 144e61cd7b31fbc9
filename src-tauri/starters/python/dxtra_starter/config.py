"""Where this integration talks to: the environment, else the values it was created with
({{ENVIRONMENT}}). The PAT only ever comes from the environment."""
import os
from typing import Mapping, NamedTuple, Optional


class Config(NamedTuple):
    signin_url: str
    token_url: str
    graphql_url: str
    controller_id: str
    pat: str

    @staticmethod
    def from_env(env: Optional[Mapping[str, str]] = None) -> "Config":
        env = os.environ if env is None else env
        pat = env.get("DXTRA_PAT", "").strip()
        if not pat:
            raise SystemExit("Set DXTRA_PAT (your Personal Access Token) in the environment first.")
        return Config(
            signin_url=env.get("DXTRA_SIGNIN_URL") or "{{SIGNIN_URL}}",
            token_url=env.get("DXTRA_TOKEN_URL") or "{{TOKEN_URL}}",
            graphql_url=env.get("DXTRA_GRAPHQL_URL") or "{{GRAPHQL_URL}}",
            controller_id=env.get("DXTRA_CONTROLLER_ID") or "{{CONTROLLER_ID}}",
            pat=pat,
        )
