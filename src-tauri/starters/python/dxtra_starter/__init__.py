"""A first Dxtra integration: a client that handles tokens right and the guide's two operations."""
from .client import DxtraClient, DxtraError, solution_for
from .config import Config

__all__ = ["Config", "DxtraClient", "DxtraError", "solution_for"]
