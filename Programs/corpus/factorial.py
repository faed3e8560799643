def factorial(n):
    if n <= 1:
        return 1
    return n * factorial(n - 1)


def factorials(values):
    out = []
    for v in values:
        out.append(factorial(v))
    return out

# ---- input ----
ENTRY = "factorials"
DOC = "recursive factorial of each value"
def make_input(rng, size):
    return ([rng.randint(1, 8) for _ in range(size)],)
