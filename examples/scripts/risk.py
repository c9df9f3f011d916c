# Risk score: McCabe complexity x (1 + resolved callers), doubled when no test
# reaches the node. Re-runs when the node, one of its callers or one of its tests
# changes, or when a new caller or test appears (the host tracks what it read).
node_id = target["id"]
risk = target["complexity"] * (1 + len(callers(node_id)))
if len(tests(node_id)) == 0:
    risk = risk * 2
set("risk", risk)
