"""The developer harness behind ``bin/party`` (standard library only): see bin/party."""
