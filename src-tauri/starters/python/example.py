"""The guide's steps with this client: list the data controllers, record a data subject."""
import sys

from dxtra_starter import Config, DxtraClient, DxtraError, solution_for


def main() -> int:
    config = Config.from_env()
    client = DxtraClient(config)
    try:
        controllers = client.data_controllers()
        print("Data controllers:", ", ".join(f"{c['title']} ({c['id']})" for c in controllers) or "none")
        created = client.create_data_subject("signup", config.controller_id,
                                             {"displayName": "Test User", "email": "test@example.com", "country": "US"})
        print("Recorded data subject", created["dataSubjectId"])
        return 0
    except DxtraError as error:
        print(f"{error.kind}: {error}", file=sys.stderr)
        if solution_for(error.kind):
            print("Solution:", solution_for(error.kind), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
