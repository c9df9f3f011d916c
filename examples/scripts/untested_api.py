# "Public API without tests": a public function, method or class outside the test
# code that no test reaches directly. Public: no part of its qualified name (its
# own name, or a class around it) starts with "_".
path = target["path"]
in_tests = path.startswith("tests/") or "/tests/" in path or path.split("/")[-1].startswith("test_")
parts = target["qualified_name"].split(".")
public = not in_tests and not any(part.startswith("_") for part in parts)
if public and target["kind"] in ("function", "method", "class"):
    if len(tests(target["id"])) == 0:
        set("untested_api", True)
