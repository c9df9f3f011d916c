from registry import register

register("a")
register("b")
