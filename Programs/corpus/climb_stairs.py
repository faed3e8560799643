def climb_stairs(n, one, two):
    if n <= 1:
        return one
    a = one
    b = two
    for _ in range(3, n + 1):
        a, b = b, a + b
    return b

# ---- input ----
ENTRY = "climb_stairs"
DOC = "ways to climb n stairs when the first two stairs have seeded counts (two-variable DP)"
def make_input(rng, size):
    one = rng.randint(1, 9)
    return (size, one, one + rng.randint(1, 9))
