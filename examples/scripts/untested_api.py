# "Public API without tests": a public function, method or class outside the test
# code that no test reaches directly.
name = target["name"]
path = target["path"]
in_tests = path.startswith("tests/") or "/tests/" in path or path.split("/")[-1].startswith("test_")
public = not name.startswith("_") and not in_tests
parent = target["parent"]
if parent is not None:
    outer = node(parent)
    if outer is not None and outer["name"].startswith("_"):
        public = False
if public and target["kind"] in ("function", "method", "class"):
    if len(tests(target["id"])) == 0:
        set("untested_api", True)
