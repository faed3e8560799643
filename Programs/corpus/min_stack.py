def min_stack(ops):
    stack = []
    mins = []
    out = []
    for op in ops:
        if op == "pop":
            value = stack.pop()
            if value == mins[-1]:
                mins.pop()
        elif op == "min":
            out.append(mins[-1])
        else:
            value = int(op)
            stack.append(value)
            if not mins or value <= mins[-1]:
                mins.append(value)
    return out

# ---- input ----
ENTRY = "min_stack"
DOC = "a stack with a second stack of minima, driven by a list of operations"
def make_input(rng, size):
    ops, depth = [], 0
    for _ in range(size):
        r = rng.random()
        if depth and r < 0.3:
            ops.append("pop")
            depth -= 1
        elif depth and r < 0.5:
            ops.append("min")
        else:
            ops.append(str(rng.randint(0, 20)))
            depth += 1
    return (ops,)
