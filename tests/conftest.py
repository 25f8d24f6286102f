import os

# Tests never talk to anything but 127.0.0.1: make accidental proxies impossible too.
for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
    os.environ.pop(var, None)
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
