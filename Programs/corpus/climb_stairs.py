def climb_stairs(n):
    if n <= 2:
        return n
    a = 1
    b = 2
    for _ in range(3, n + 1):
        a, b = b, a + b
    return b

# ---- input ----
ENTRY = "climb_stairs"
DOC = "ways to climb n stairs (two-variable DP)"
def make_input(rng, size):
    return (size,)
