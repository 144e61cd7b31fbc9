"""Runs against the service in the environment (the app's Sandbox works: it shows its URLs and demo
PAT). ``python3 -m unittest`` with DXTRA_PAT set."""
import os
import time
import unittest
import urllib.parse

from dxtra_starter import Config, DxtraClient, DxtraError

# Recording a test subject is a real write: only against this computer (the Sandbox) unless
# DXTRA_ALLOW_WRITES=1 says the service is yours to write test data into.
WRITES = (urllib.parse.urlsplit(Config.from_env().graphql_url).hostname in ("127.0.0.1", "localhost", "::1")
          or os.environ.get("DXTRA_ALLOW_WRITES") == "1")


class GuideTest(unittest.TestCase):
    def test_the_two_operations_and_a_named_error(self):
        config = Config.from_env()
        client = DxtraClient(config)
        self.assertIn(config.controller_id, [c["id"] for c in client.data_controllers()])
        with self.assertRaises(DxtraError) as caught:
            client.create_data_subject("signup", "11111111-2222-4333-8444-555555555555", {"email": "x@example.com"})
        self.assertEqual(caught.exception.kind, "foreign-key-violation")
        if not WRITES:
            self.skipTest("not recording a test subject outside the Sandbox (set DXTRA_ALLOW_WRITES=1)")
        created = client.create_data_subject("signup", config.controller_id, {"email": f"starter-{time.time()}@example.com"})
        self.assertRegex(created["dataSubjectId"], r"^[0-9a-f-]{36}$")

    def test_an_expired_token_is_renewed_unnoticed(self):
        client = DxtraClient(Config.from_env())
        client.data_controllers()
        client.session["expiresAt"] = 0  # as if the laptop slept past the expiry
        client.data_controllers()
        client.session["accessToken"] = "not-a-jwt"  # refused by the server: signs in again, once
        client.data_controllers()

    def test_a_wrong_pat_is_named(self):
        client = DxtraClient(Config.from_env()._replace(pat="00000000-0000-4000-8000-000000000000"))
        with self.assertRaises(DxtraError) as caught:
            client.data_controllers()
        self.assertEqual(caught.exception.kind, "invalid-pat")
        self.assertIn("Invalid or expired", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
